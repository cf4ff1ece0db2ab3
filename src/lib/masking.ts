/**
 * Masked forms of personal data for lists and for anyone who has no reason (recorded in the
 * audit log) to see the real thing. Masks are deliberately lossy: a Chinese name always gets
 * two stars whatever its length, so the mask does not tell a two-character name from a three.
 */

// 复姓: with these the whole surname stays visible (欧阳** rather than 欧**).
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒',
  '夏侯', '轩辕', '令狐', '端木', '独孤', '南宫', '西门', '百里', '呼延', '澹台', '公冶', '太史',
  '申屠', '钟离', '闻人', '赫连', '濮阳', '万俟', '拓跋', '完颜', '第五', '东郭', '左丘', '司空',
  '亓官', '司寇', '子车', '颛孙', '巫马', '公西', '漆雕', '乐正', '壤驷', '公良', '谷梁', '宰父',
  '梁丘', '段干', '单于', '闾丘', '东门', '羊舌', '微生', '公羊', '即墨', '鲜于', '仲孙',
]);

const HAN = /\p{Script=Han}/u;

/** 张三 → 张**, 欧阳娜娜 → 欧阳**, "John Smith" → "J*** S****", 买买提·艾力 → 买**. */
export function maskName(raw: string | null | undefined): string {
  const name = (raw ?? '').trim();
  if (!name) return '**';
  const chars = [...name];
  if (HAN.test(name)) {
    const two = chars.slice(0, 2).join('');
    if (chars.length > 2 && COMPOUND_SURNAMES.has(two)) return `${two}**`;
    return `${chars[0]}**`;
  }
  return name
    .split(/\s+/)
    .map((word) => {
      const w = [...word];
      return w[0] + '*'.repeat(Math.max(w.length - 1, 1));
    })
    .join(' ');
}

/** 13800138000 → 138****8000; +86 and separators are dropped first; short numbers are fully masked. */
export function maskPhone(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  let digits = raw.replace(/[^\d]/g, '');
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  if (digits.length < 8) return '*'.repeat(Math.max(digits.length, 4));
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

export const AGE_BANDS = ['16-24', '25-34', '35-44', '45-54', '55+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number] | 'under-16';

/** Whole years between a birth date (YYYY-MM-DD) and `on`, by calendar date in UTC. */
export function ageOn(birthDate: string, on: Date = new Date()): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = on.getUTCFullYear() - y;
  const beforeBirthday = on.getUTCMonth() + 1 < m || (on.getUTCMonth() + 1 === m && on.getUTCDate() < d);
  if (beforeBirthday) age -= 1;
  return age;
}

/** A coarse band instead of a birth date, for staff lists and statistics. */
export function ageBand(birthDate: string, on: Date = new Date()): AgeBand {
  const age = ageOn(birthDate, on);
  if (age < 16) return 'under-16';
  if (age <= 24) return '16-24';
  if (age <= 34) return '25-34';
  if (age <= 44) return '35-44';
  if (age <= 54) return '45-54';
  return '55+';
}

/**
 * What an employer sees instead of a name before a referral releases contact: a stable
 * label derived from the record id (which the employer already has), so nothing about the
 * name — its length, its surname, its script — can hint at sex, ethnicity or origin.
 */
export function seekerAlias(seekerId: string): string {
  return `#${seekerId.replace(/-/g, '').slice(0, 6).toUpperCase()}`;
}

/**
 * Clause markers that make a piece of free text unfit for an employer: contact details,
 * addresses, health and disability, welfare and priority status, family status, ethnicity,
 * household registration, age and sex. A clause that matches is dropped whole (not just the
 * match), so "有抑郁症" and "体育西路123号" go together with whatever surrounds them.
 */
const SENSITIVE_CLAUSE: RegExp[] = [
  /\d{5,}/, // phones, ID numbers, QQ numbers, postcodes
  /@|＠/, // e-mail
  /微信|weixin|wechat|wx|vx|qq|电话|手机|联系|邮箱|e-?mail|tel\b|\bph(one)?\b/i,
  /住址|地址|住在|家住|居住|户口|户籍|籍贯|\d+\s*(号|栋|幢|室|楼|弄|单元)|小区|村|路\d|街\d/,
  /病|症|残|疾|障碍|hiv|艾滋|肝炎|乙肝|携带|抑郁|焦虑|精神|癫痫|手术|药物|住院|体检|身体|健康|孕|哺乳/i,
  /低保|贫困|困难|救助|失业|下岗|4050|零就业|失地|退役|退伍|军人|优抚|特困|低收入|刑满|戒毒|社区矫正/,
  /已婚|未婚|离婚|离异|丧偶|生育|孩子|子女|小孩|家属|配偶|老公|老婆|丈夫|妻子/,
  /族|宗教|信仰|穆斯林|清真|基督|佛教|党员/,
  /\d+\s*岁|出生|生日|年龄|属[鼠牛虎兔龙蛇马羊猴鸡狗猪]/,
  /男|女|性别|\b(male|female|man|woman)\b/i,
];

const CLAUSE_SPLIT = /[，。；;！!？?\n\r]+|,\s*|\.\s+/;

/**
 * The one scrubber for free text that an employer can see or search (recruiter search
 * documents, candidate profiles). `nameForms` are the person's name and its pinyin forms:
 * clauses carrying them are dropped too.
 */
export function scrubFreeText(text: string | null | undefined, nameForms: string[] = []): string {
  const forms = nameForms.map((f) => f.trim().toLowerCase()).filter((f) => f.length >= 2);
  const kept = (text ?? '')
    .split(CLAUSE_SPLIT)
    .map((c) => c.trim())
    .filter((c) => c && !SENSITIVE_CLAUSE.some((re) => re.test(c)) && !forms.some((f) => c.toLowerCase().replace(/\s+/g, '').includes(f.replace(/\s+/g, ''))));
  return kept.join('，');
}
