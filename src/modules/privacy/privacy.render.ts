import { escapeHtml as e, htmlDocument } from '../../lib/html.js';
import type { SeekerExport } from './privacy.service.js';

/** Times on the page are Asia/Shanghai wall-clock times (the configured zone), never raw ISO. */
const shanghai = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
const when = (iso: string | null | undefined) => (iso ? `${shanghai.format(new Date(iso))}（北京时间）` : '—');

const PURPOSE_ZH: Record<string, string> = {
  recruiter_search: '允许用人单位检索（脱敏）简历',
  contact_release: '推荐时向该用人单位提供姓名和电话',
  sensitive_categories: '处理敏感个人信息（残疾、健康、低保等重点群体身份）',
  automated_matching: '自动化岗位匹配排序',
};
const CHANNEL_ZH: Record<string, string> = { person_kiosk: '本人（自助终端）', person_online: '本人（网上）', staff_counter: '工作人员（窗口代为记录）' };
const ACTION_ZH: Record<string, string> = {
  read_personal_data: '查阅个人信息',
  export_personal_data: '导出个人信息副本',
  'consent.grant': '同意',
  'consent.withdraw': '撤回同意',
  'seeker.anonymise': '匿名化（删除可识别信息）',
  'write.insert': '新建记录',
  'write.update': '修改记录',
  'write.delete': '删除记录',
};
const BASIS_ZH: Record<string, string> = { consent: '本人单独同意', public_service: '履行法定职责（就业困难人员认定）' };

const row = (label: string, value: unknown) => `<tr><th>${e(label)}</th><td>${e(value ?? '—')}</td></tr>`;

/** 个人信息副本: a printable page of everything held about the person (PIPL 第四十五条). */
export function renderSeekerExportHtml(d: SeekerExport): string {
  const s = d.seeker;
  const body = `
<main class="report">
<h1>个人信息副本</h1>
<p>依据《中华人民共和国个人信息保护法》第四十五条，以下为本机构持有的您的全部个人信息及其处理记录。生成时间：${e(when(d.generatedAt))}</p>
${s.anonymisedAt ? `<p><strong>本记录已于 ${e(when(s.anonymisedAt))} 匿名化，仅保留统计所需的非识别信息。</strong></p>` : ''}
<h2>基本信息</h2>
<table>
${row('姓名', s.name)}${row('身份证号后四位', s.nationalIdLast4)}${row('电话', s.phone)}${row('出生日期', s.birthDate)}
${row('性别', s.sex === 'male' ? '男' : '女')}${row('民族', s.ethnicity)}${row('户籍类型', s.hukouType)}${row('地址', s.address)}
${row('所在区县代码', s.districtCode)}${row('学历', s.education)}${row('工作年限', s.experienceYears)}${row('技能', s.skills.join('、'))}
${row('求职意向职业', s.desiredOccupations.map((o) => `${o.system}:${o.code}`).join('、'))}${row('期望月薪下限', s.desiredWageMin)}
${row('个人简介', s.profileText)}${row('重点群体', s.priorityGroups.join('、'))}${row('敏感信息处理依据', s.sensitiveBasis ? BASIS_ZH[s.sensitiveBasis] : '—')}
${row('登记类型', s.registrationKind === 'unemployment' ? '失业登记' : '求职登记')}${row('登记时间', when(s.registeredAt))}${row('状态', s.status)}
</table>
<h2>同意情况</h2>
<table>
<tr><th>用途</th><th>当前</th></tr>
${Object.entries(d.consents.current).map(([p, v]) => `<tr><td>${e(PURPOSE_ZH[p] ?? p)}</td><td>${v ? '已同意' : '未同意 / 已撤回'}</td></tr>`).join('\n')}
</table>
<h3>同意记录（历史）</h3>
<table>
<tr><th>时间</th><th>用途</th><th>决定</th><th>告知书版本</th><th>记录方式</th><th>记录人</th></tr>
${d.consents.history.map((h) => `<tr><td>${e(when(h.recordedAt))}</td><td>${e(PURPOSE_ZH[h.purpose] ?? h.purpose)}</td><td>${h.granted ? '同意' : '撤回 / 不同意'}</td><td>${e(h.noticeVersion)}</td><td>${e(CHANNEL_ZH[h.channel] ?? h.channel)}</td><td>${e(h.actorName)}</td></tr>`).join('\n')}
</table>
<h2>职业介绍与就业</h2>
<table>
<tr><th>时间</th><th>岗位</th><th>用人单位</th><th>结果</th></tr>
${d.referrals.map((r) => `<tr><td>${e(when(r.createdAt))}</td><td>${e(r.vacancyTitle)}</td><td>${e(r.employerName)}</td><td>${e(r.outcome)}</td></tr>`).join('\n') || '<tr><td colspan="4">无</td></tr>'}
</table>
<table>
<tr><th>入职日期</th><th>用人单位</th><th>合同期限（月）</th><th>月工资（元）</th></tr>
${d.placements.map((p) => `<tr><td>${e(p.contractStart)}</td><td>${e(p.employerName)}</td><td>${e(p.contractMonths)}</td><td>${e(p.monthlyWage)}</td></tr>`).join('\n') || '<tr><td colspan="4">无</td></tr>'}
</table>
<h2>自动化岗位推荐及理由</h2>
<p>${d.automatedSuggestions.optedOut ? '您已拒绝自动化排序，由工作人员人工为您服务。' : '以下岗位由系统根据技能、职业、地点、学历、经验和期望薪资自动推荐；推荐不使用姓名、性别、年龄、民族、户籍或重点群体身份。您可随时要求说明或拒绝自动化排序（个人信息保护法第二十四条）。'}</p>
<table>
<tr><th>岗位</th><th>得分</th><th>理由</th></tr>
${d.automatedSuggestions.items.map((m) => `<tr><td>${e(m.title)}</td><td>${e(m.score.toFixed(2))}</td><td>${e(m.reasons.map((r) => (typeof r === 'object' && r && 'zh' in r ? (r as { zh: string }).zh : JSON.stringify(r))).join('；'))}</td></tr>`).join('\n') || '<tr><td colspan="3">无</td></tr>'}
</table>
<h2>处理记录</h2>
<table>
<tr><th>序号</th><th>时间</th><th>操作人</th><th>操作</th><th>涉及字段</th><th>事由</th></tr>
${d.processingHistory.map((h) => `<tr><td>${h.seq}</td><td>${e(when(h.at))}</td><td>${e(h.actorName)}</td><td>${e(ACTION_ZH[h.action] ?? h.action)}</td><td>${e(h.fields.join('、'))}</td><td>${e(h.reason)}</td></tr>`).join('\n')}
</table>
<p>用人单位保存搜索提醒中出现过您（脱敏资料）的次数：${d.shownToEmployersInAlerts.length}</p>
</main>`;
  return htmlDocument({ lang: 'zh', title: '个人信息副本', stylesheet: '/reports/supply-demand/report.css', body });
}
