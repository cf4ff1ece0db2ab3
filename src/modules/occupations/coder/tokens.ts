import { normalize, stem } from '../../../search/text/index.js';

const STOP = new Set(['and', 'or', 'of', 'the', 'in', 'for', 'a', 'an', 'to', 'with', 'on', 'at', 'by', 'as']);

/**
 * Seniority, contract and advert noise in English titles. Stripped from queries only (the
 * ESCO labels keep them). "assistant", "head", "chief", "supervisor", "manager" are NOT
 * noise: they change the occupation (accounting assistant 3313 vs accountant 2411).
 */
const EN_NOISE = new Set([
  'senior', 'sr', 'snr', 'junior', 'jr', 'jnr', 'principal', 'lead', 'mid', 'midlevel', 'level',
  'entry', 'experienced', 'graduate', 'intern', 'internship', 'trainee', 'apprentice',
  'i', 'ii', 'iii', 'iv', 'remote', 'urgent', 'hiring', 'fulltime', 'parttime', 'full', 'part',
  'time', 'temporary', 'temp', 'contract', 'permanent', 'm', 'f', 'w', 'd', 'x', 'new', 'immediate', 'start',
]);

/** Chinese advert noise: seniority, urgency, benefits. Longest first so 急聘 beats 急. */
const ZH_NOISE = [
  '五险一金', '包吃包住', '包吃住', '包住', '包吃', '双休', '高薪', '急招', '急聘', '诚聘', '招聘', '聘请', '直招',
  '资深', '高级', '中级', '初级', '见习', '实习生', '实习', '兼职', '全职', '长期', '临时', '储备', '学徒',
  '男女不限', '数名', '若干', '多名',
].sort((a, b) => b.length - a.length);

const BRACKETS = /[(（[【<《{][^)）\]】>》}]*[)）\]】>》}]/g;

/** Lower-case stemmed English words of a label, stop words removed (index side). */
export function labelTokens(label: string): string[] {
  const words = normalize(label).match(/[a-z0-9+#]+/g) ?? [];
  return words.filter((w) => !STOP.has(w)).map(stem);
}

/** Query side: as labelTokens, minus seniority/advert noise unless nothing would remain. */
export function queryTokens(title: string): string[] {
  const words = (normalize(title).match(/[a-z0-9+#]+/g) ?? []).filter((w) => !STOP.has(w));
  const kept = words.filter((w) => !EN_NOISE.has(w));
  return (kept.length ? kept : words).map(stem);
}

/**
 * The core of a Chinese title: normalised, bracketed remarks removed (usually location or
 * benefits: Java开发工程师（北京）), advert/seniority words removed, no spaces or
 * punctuation. Falls back to the less-stripped form when stripping would empty it.
 */
export function coreZh(title: string): string {
  const n = normalize(title);
  const unbracketed = n.replace(BRACKETS, ' ').trim() || n;
  let core = unbracketed;
  for (const w of ZH_NOISE) core = core.split(w).join(' ');
  core = core.replace(/[^\p{L}\p{N}+#.]+/gu, '').trim();
  return core || unbracketed.replace(/[^\p{L}\p{N}+#.]+/gu, '');
}

export function hasHan(s: string): boolean {
  return /\p{Script=Han}/u.test(s);
}
