import type { DbOrTx } from '../db/client.js';
import type { Principal, Role } from '../modules/auth/index.js';
import { AppError, forbidden } from './errors.js';
import { assertCanWriteForOffice } from './scope.js';

/**
 * The access policy as data: for each action on a resource, the roles that may take it and the
 * scope within which they may. Routes gate by role (app.authorize); services and every secondary
 * path (imports, booths, fairs, matches, saved searches) ask `assertAllowed` for the scope, so a
 * bulk import or a job applies exactly the rule of the direct route. docs/security.md prints this
 * table; a test keeps the two in step.
 */
export type Scope =
  /** anywhere in the city */
  | 'city'
  /** the principal's office and the offices below it */
  | 'office-tree'
  /** the principal's own employer */
  | 'own-employer'
  /** the employer's own records, or office-tree for PES roles */
  | 'own-employer-or-office-tree'
  /** an employer with a booth at the fair; PES roles within office-tree */
  | 'booth-or-office-tree';

export interface Rule {
  roles: readonly Role[];
  scope: Scope;
  en: string;
  zh: string;
}

export const POLICY = {
  'vacancy.read': { roles: ['admin', 'staff', 'organiser', 'employer'], scope: 'own-employer-or-office-tree', en: 'PES roles read every vacancy city-wide; an employer only its own', zh: '工作人员可查阅全市岗位；用人单位仅限本单位' },
  'vacancy.write': { roles: ['admin', 'staff', 'organiser', 'employer'], scope: 'own-employer-or-office-tree', en: 'create, edit and change the status of a vacancy (also through a bulk import)', zh: '新建、修改岗位及变更状态（含批量导入）' },
  'vacancy.review': { roles: ['admin', 'staff'], scope: 'office-tree', en: 'approve or reject a vacancy held for review', zh: '审核待审岗位' },
  'vacancy.set-public-welfare': { roles: ['admin', 'staff', 'organiser'], scope: 'office-tree', en: 'mark a vacancy as a public welfare post (公益性岗位)', zh: '设置公益性岗位' },
  'vacancy.attach-to-fair': { roles: ['admin', 'staff', 'organiser', 'employer'], scope: 'booth-or-office-tree', en: 'attach a vacancy to a fair (it then belongs to the fair office)', zh: '将岗位关联到招聘会（岗位随之归属招聘会所属机构）' },
  'import.create': { roles: ['admin', 'staff', 'organiser'], scope: 'office-tree', en: "upload a bulk import to a fair; each row then changes a vacancy only where the uploader could PATCH it", zh: '向招聘会批量导入；每行仅能修改上传者有权修改的岗位' },
  'import.read': { roles: ['admin', 'staff', 'organiser'], scope: 'office-tree', en: 'read an import status and its row errors', zh: '查看导入进度及错误行' },
  'candidates.read': { roles: ['admin', 'staff', 'employer'], scope: 'own-employer-or-office-tree', en: 'read the ranked candidates of a vacancy (employers: own vacancies, consenting people, never for a public welfare post; audited)', zh: '查看岗位的候选人（用人单位仅限本单位岗位、同意被检索者，公益性岗位除外；留痕）' },
  'match.read-pair': { roles: ['admin', 'staff', 'employer'], scope: 'own-employer-or-office-tree', en: 'read one vacancy-seeker pair (employers: only pairs the matcher proposed, as stored; audited)', zh: '查看单个匹配明细（用人单位仅限系统推荐的组合；留痕）' },
  'seeker.read-masked': { roles: ['admin', 'staff'], scope: 'city', en: 'list and search masked seekers city-wide (一点登录，全市查询)', zh: '全市范围查询脱敏求职者' },
  'seeker.list-sensitive': { roles: ['admin', 'staff'], scope: 'office-tree', en: 'list seekers by a priority group (disability, 低保 …): own office tree only, audited', zh: '按就业困难人员类别筛选：仅限本机构及下级，留痕' },
  'seeker.read-personal': { roles: ['admin', 'staff'], scope: 'city', en: "read a seeker's personal data, with a reason; audited", zh: '查阅求职者个人信息须说明理由并留痕' },
  'seeker.lookup': { roles: ['admin', 'staff'], scope: 'office-tree', en: 'find a person by name, phone or national ID at the counter (names shown; own office tree only; audited with the kind of key, never the text)', zh: '窗口按姓名、电话或身份证号码查找求职者（显示姓名；仅限本机构及下级；留痕，记录查询方式而非查询内容）' },
  'seeker.read-record': { roles: ['admin', 'staff'], scope: 'office-tree', en: "read one person's record (profile, consents, referrals, placements, matches, history); audited", zh: '查阅求职者档案（基本信息、同意、推荐、就业、匹配、记录）；留痕' },
  'seeker.write': { roles: ['admin', 'staff'], scope: 'office-tree', en: 'register and edit job seekers', zh: '求职登记及修改' },
  'seeker.search-recruiter': { roles: ['admin', 'staff', 'employer'], scope: 'city', en: 'recruiter search over consenting, masked profiles (alias, scrubbed text)', zh: '招聘方检索同意公开的脱敏简历' },
  'fair.write': { roles: ['admin', 'staff', 'organiser'], scope: 'office-tree', en: 'create and run fairs, booths, attendance', zh: '举办招聘会、管理展位与到场' },
  'referral.request': { roles: ['employer'], scope: 'own-employer', en: "ask the office to refer a candidate of the employer's own vacancy (verified employers; no contact released by asking)", zh: '用人单位就本单位岗位的候选人申请推荐（须已认证；申请本身不提供联系方式）' },
  'referral.write': { roles: ['admin', 'staff'], scope: 'office-tree', en: 'refer a seeker and record outcomes and placements', zh: '推荐求职者并记录结果与就业' },
  'audit.read': { roles: ['admin'], scope: 'city', en: 'read the audit log', zh: '查阅审计日志' },
  'keys.manage': { roles: ['admin'], scope: 'city', en: 'create and revoke API keys', zh: '创建和吊销 API 密钥' },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof POLICY;

export interface Target {
  employerId?: string | null;
  officeId?: string | null;
  /** For booth-or-office-tree: does the target employer have a booth at the fair? */
  hasBooth?: () => Promise<boolean>;
}

/** Every role a principal holds (sign-in sessions may combine roles; API keys hold one). */
const heldRoles = (p: Principal): readonly Role[] => (p as Principal & { roles?: Role[] }).roles ?? [p.role];

const denied = (action: Action) => forbidden(`Not allowed: ${POLICY[action].en}`, `无权操作：${POLICY[action].zh}`);

/** The one question every path asks before it acts; throws 403 (or the scope's own 422). */
export async function assertAllowed(db: DbOrTx, principal: Principal, action: Action, target: Target = {}): Promise<void> {
  const rule: Rule = POLICY[action];
  if (!heldRoles(principal).some((r) => rule.roles.includes(r))) throw denied(action);
  if (heldRoles(principal).includes('admin')) return;
  switch (rule.scope) {
    case 'city':
      return;
    case 'own-employer':
      if (principal.role !== 'employer' || principal.employerId !== target.employerId) throw denied(action);
      return;
    case 'office-tree':
      if (!target.officeId) throw denied(action);
      return assertCanWriteForOffice(db, principal, target.officeId);
    case 'own-employer-or-office-tree':
      if (principal.role === 'employer') {
        if (principal.employerId !== target.employerId) throw forbidden('An employer may act only on its own records', '用人单位只能操作本单位的数据');
        return;
      }
      if (action === 'vacancy.read') return; // city-wide reading for PES roles
      if (!target.officeId) throw denied(action);
      return assertCanWriteForOffice(db, principal, target.officeId);
    case 'booth-or-office-tree':
      if (principal.role === 'employer') {
        if (principal.employerId === target.employerId && (await target.hasBooth?.())) return;
        throw new AppError(403, 'FORBIDDEN', { en: 'body.fairId: the employer has no booth at this fair', zh: 'body.fairId：本单位在该招聘会没有展位' }, [
          { field: 'body.fairId', message: 'the employer has no booth at this fair' },
        ]);
      }
      if (!target.officeId) throw denied(action);
      return assertCanWriteForOffice(db, principal, target.officeId);
  }
}

/** The same question without throwing, for answers that depend on it (never to skip the check on a write). */
export async function isAllowed(db: DbOrTx, principal: Principal, action: Action, target: Target = {}): Promise<boolean> {
  try {
    await assertAllowed(db, principal, action, target);
    return true;
  } catch (err) {
    if (err instanceof AppError && (err.statusCode === 403 || err.statusCode === 422)) return false;
    throw err;
  }
}
