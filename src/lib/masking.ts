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
