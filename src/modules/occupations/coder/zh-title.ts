import { readFileSync } from 'node:fs';
import { normalize } from '../../../search/text/index.js';
import { iscoForCn2022 } from './crosswalk.js';
import type { CnOccupation } from './types.js';

/**
 * Codes a Chinese job title the way a PES coder does (conventions: docs/eval/occupation-coding.md):
 * find the head noun (the keyword that ends last: in Chinese the head comes last), let a role word after it
 * (经理, 主管, 专员 ...) keep the function's code, and abstain when the title ends in a noun the lexicon does
 * not know, instead of answering with some other word of the title (视觉设计师 is not a 乐器设计师).
 */

export type ZhKind = 'sales' | 'gm' | 'vague' | 'head' | '';

interface LexEntry {
  keyword: string;
  cn2022: string;
  isco?: string;
  kind: ZhKind;
}

export interface ZhCoding {
  status: 'coded' | 'abstained';
  cn2022?: string;
  isco?: string;
  /** 0..1; a ranking aid, not a calibrated probability. */
  confidence: number;
  matched?: string;
  kind?: ZhKind;
  /** Why it abstained (for the "choose" prompt). */
  reason?: { zh: string; en: string };
}

/** Words after the head noun that name a role in the same function, not a different occupation. */
const ROLE_WORDS = [
  '高级工程师', '开发工程师', '研发工程师', '工程师', '技术员', '专员', '助理', '顾问', '主管', '经理', '总监', '负责人', '组长', '主任',
  'leader', 'lead', '专家', '实习生', '实习', '管培生', '储备干部', '储备', '干部', '代表', '合伙人', '骨干', '岗位', '岗', '人员', '师傅',
  '师', '员', '工', '职员', '职位', '方向', '总', '高经', '经', '主', '管理', '管理员', '老师', '学徒', '助手', '帮手', '团队', '阿姨', '大姐', '小哥',
  '兼职', '全职', '长白班', '白班', '夜班', '正式工', '临时工', '小时工', '操作员', '专岗',
].sort((a, b) => b.length - a.length);

/** Advert, seniority and place words that say nothing about the occupation. */
const NOISE = new RegExp(
  [
    '^(?:急招|急聘|诚聘|高薪|直招|聘请)+', '^招聘(?=[\\u4e00-\\u9fa5]{2})(?!专员|经理|主管|助理|顾问|总监|官|师)', '(?:招聘|急招|急聘)$', '包吃住', '包住', '包吃', '五险一金', '双休', '月薪\\d*', '日结', '周结',
    '资深', '高级', '中高级', '中级', '初级', '首席', 'senior', 'junior', '中高端', '校招', '社招', '应届生?', '毕业生', '\\d{4}届', '实习期',
    '北京', '上海', '广州', '深圳', '杭州', '成都', '重庆', '天津', '武汉', '南京', '西安', '苏州', '郑州', '长沙',
  ].join('|'),
  'g',
);

let lexicon: LexEntry[] | undefined;
function loadLexicon(): LexEntry[] {
  if (lexicon) return lexicon;
  const text = readFileSync(new URL('./zh-title-lexicon.tsv', import.meta.url), 'utf8');
  const byKeyword = new Map<string, LexEntry>();
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [keyword, cn2022, isco, kind] = line.split('\t').map((s) => s?.trim());
    if (!keyword || !cn2022) continue;
    const k = normalize(keyword).replace(/\s+/g, '');
    // First definition wins: the file lists the intended sense first.
    if (!byKeyword.has(k)) byKeyword.set(k, { keyword: k, cn2022, isco: isco || undefined, kind: (kind as ZhKind) || '' });
  }
  return (lexicon = [...byKeyword.values()]);
}

/** Normalised title without bracketed remarks and job-board codes; the remarks are kept for a second try. */
export function cleanTitle(title: string): { core: string; remarks: string[] } {
  let s = normalize(title).replace(/&nbsp;|&amp;/g, ' ');
  const remarks: string[] = [];
  s = s.replace(/[([{（【《<「]([^)\]}）】》>」]*)[)\]}）】》>」]?/g, (_all, inner: string) => {
    if (inner.trim()) remarks.push(inner.trim());
    return ' ';
  });
  // Requisition codes and similar: J190524007, MJ000088, L00083, 02215M, 10653, -bj.
  s = s.replace(/\b(?:[a-z]{0,4}\d{3,}[a-z]{0,2}\d*)\b/g, ' ').replace(/-(?:bj|sh|gz|sz)\b/g, ' ');
  // 驾驶员 and 司机 are one word to a PES coder (公交车驾驶员 = 公交车司机).
  s = s.replace(NOISE, ' ').replace(/驾驶员/g, '司机');
  return { core: s.replace(/\s+/g, ' ').trim(), remarks };
}

// Plain spaces do not separate: "Python 数据分析" is one title.
const SEPARATORS = /\s*(?:[-—–_/|\\,，、:：;；]+|以及)\s*/;

interface Hit {
  entry: LexEntry;
  start: number;
  end: number;
}

function hitsIn(seg: string, lex: LexEntry[]): Hit[] {
  const out: Hit[] = [];
  for (const entry of lex) {
    let from = 0;
    for (;;) {
      const at = seg.indexOf(entry.keyword, from);
      if (at < 0) break;
      const end = at + entry.keyword.length;
      // ASCII keywords (java, hr, bi, go) only as whole words: "go" is not in "google", "hr" not in "chrome".
      const ascii = /^[a-z0-9+#.]+$/.test(entry.keyword);
      if (!ascii || (!/[a-z0-9]/.test(seg[at - 1] ?? '') && !/[a-z0-9]/.test(seg[end] ?? ''))) out.push({ entry, start: at, end });
      from = at + 1;
    }
  }
  return out;
}

/** Strips role words from the end of a tail; what is left (Han characters) is an unknown head noun. */
function unknownHead(tail: string): string {
  let t = tail.replace(/[^\p{Script=Han}a-z]/gu, '');
  for (let guard = 0; guard < 8 && t; guard++) {
    const role = ROLE_WORDS.find((r) => t.endsWith(r) || t.startsWith(r));
    if (!role) break;
    t = t.startsWith(role) ? t.slice(role.length) : t.slice(0, -role.length);
  }
  return t.replace(/[a-z]+/g, '');
}

interface SegmentResult {
  hit: Hit;
  /** The keyword is followed only by role words (or nothing) and is not vague. */
  strong: boolean;
  /** The keyword is followed by a role word, or itself ends in one (会计 vs 数据分析师): it names a job, not a field. */
  role: boolean;
  unknown: string;
}

const ROLE_END = /[师员工手匠]$/;

function codeSegment(seg: string, lex: LexEntry[]): SegmentResult | undefined {
  const hits = hitsIn(seg, lex);
  if (!hits.length) return undefined;
  const vagueWords = hits.filter((h) => h.entry.kind === 'vague' || h.entry.kind === 'head').map((h) => h.entry.keyword);
  // What follows a keyword, less vague keywords (工程师, 助理, 设计师) and role words, must be empty for the
  // keyword to be the head: python工程师 is a developer, 数据分析产品经理 a product manager.
  const tailOf = (h: Hit) => {
    let tail = seg.slice(h.end);
    for (const w of vagueWords) tail = tail.split(w).join('');
    return unknownHead(tail);
  };
  const clean = hits.map((h) => ({ h, unknown: tailOf(h) })).filter((x) => !x.unknown);
  // Among heads, the one that starts first covers the most of the title (电梯维修工 over 维修工, 数据分析助理 over 助理).
  const pick = (xs: typeof clean) => xs.sort((a, b) => a.h.start - b.h.start || b.h.end - a.h.end)[0];
  const specific = pick(clean.filter((x) => x.h.entry.kind !== 'vague'));
  const vague = pick(clean.filter((x) => x.h.entry.kind === 'vague' || x.h.entry.kind === 'head'));
  const roleOf = (h: Hit) => ROLE_END.test(h.entry.keyword) || seg.length > h.end || h.entry.kind === 'gm';
  // A vague head (司机) keeps its family when the word before it points elsewhere: 送货司机 is a driver, not a courier.
  const head = clean.filter((x) => x.h.entry.kind === 'head').sort((a, b) => b.h.end - a.h.end)[0];
  const middle = (code: string) => code.split('-').slice(0, 2).join('-');
  if (specific && head && specific.h.end <= head.h.start && middle(specific.h.entry.cn2022) !== middle(head.h.entry.cn2022)) {
    return { hit: head.h, unknown: '', strong: false, role: true };
  }
  if (specific) return { hit: specific.h, unknown: '', strong: true, role: roleOf(specific.h) };
  if (vague) return { hit: vague.h, unknown: '', strong: false, role: true };
  hits.sort((a, b) => b.end - a.end || b.end - b.start - (a.end - a.start));
  const top = hits[0]!;
  return { hit: top, unknown: tailOf(top), strong: false, role: false };
}

/** Exact or suffix match against the 2022 detailed names (e.g. 中式烹调师, 养老护理员). */
function fromClassification(core: string, cnDetailed: CnOccupation[]): ZhCoding | undefined {
  const text = core.replace(/\s+/g, '');
  if (text.length < 2) return undefined;
  const exact = cnDetailed.find((c) => c.name === text);
  if (exact) return { status: 'coded', cn2022: exact.code, isco: iscoForCn2022(exact.code), confidence: 0.9, matched: exact.name };
  const suffix = cnDetailed.filter((c) => c.name.length >= 3 && text.endsWith(c.name)).sort((a, b) => b.name.length - a.name.length)[0];
  if (suffix) return { status: 'coded', cn2022: suffix.code, isco: iscoForCn2022(suffix.code), confidence: 0.8, matched: suffix.name };
  return undefined;
}

function result(r: SegmentResult, penalty = 0): ZhCoding {
  const e = r.hit.entry;
  const base = e.kind === 'vague' || e.kind === 'head' ? 0.6 : r.unknown ? 0.4 : 0.9;
  return {
    status: 'coded',
    cn2022: e.cn2022,
    isco: e.isco ?? iscoForCn2022(e.cn2022),
    confidence: Math.round((base - penalty) * 1000) / 1000,
    matched: e.keyword,
    kind: e.kind,
  };
}

export function codeChineseTitle(title: string, cnDetailed: CnOccupation[]): ZhCoding {
  const lex = loadLexicon();
  const { core, remarks } = cleanTitle(title);
  const segments = core.split(SEPARATORS).map((s) => s.trim()).filter(Boolean);

  // A title that is exactly a name of the classification (乐器设计师, 中式烹调师) is that occupation.
  const whole = core.replace(/\s+/g, '');
  const exact = cnDetailed.find((c) => c.name === whole);
  if (exact) return { status: 'coded', cn2022: exact.code, isco: iscoForCn2022(exact.code), confidence: 0.95, matched: exact.name };

  const results = segments.map((s) => codeSegment(s, lex));
  // Prefer the first segment that names a whole occupation (数据分析师-业务方向: the first part; 商业营销-高级数据分析师:
  // the second), then the first that names a field, then the first vague one.
  const strong = results.find((r) => r?.strong && r.role) ?? results.find((r) => r?.strong);
  const vague = results.find((r) => r && !r.unknown);
  const fromRemarks = remarks.map((s) => codeSegment(s.split(SEPARATORS).filter(Boolean)[0] ?? s, lex)).find((r) => r?.strong);

  if (strong) return result(strong);
  // 社区公益岗（保洁）: the bracket names the job when the title itself is vague.
  if (fromRemarks && (!vague || vague.hit.entry.kind === 'vague')) return result(fromRemarks, 0.05);
  if (vague) {
    // A vague keyword loses to a longer name of the classification at the end of the title (养老护理员 ⊃ 护理员).
    const named = fromClassification(core, cnDetailed);
    if (named && named.matched!.length > vague.hit.entry.keyword.length) return named;
    return result(vague);
  }

  for (const s of [core, ...segments]) {
    const c = fromClassification(s, cnDetailed);
    if (c) return c;
  }
  const unknown = results.find((r) => r?.unknown)?.unknown;
  return {
    status: 'abstained',
    confidence: 0,
    reason: unknown
      ? { zh: `职位名称以“${unknown}”结尾，无法可靠归类，请选择职业`, en: `the title ends in "${unknown}", which the coder does not know; choose an occupation` }
      : { zh: '未能从职位名称中识别出职业，请选择职业', en: 'no occupation recognised in the title; choose one' },
  };
}
