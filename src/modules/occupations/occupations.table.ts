import { index, integer, pgEnum, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/** isco: ISCO-08 groups (1–4 digits); esco: ESCO occupations (under an ISCO unit group); cn2022: 职业分类大典 2022. */
export const occupationSystemEnum = pgEnum('occupation_system', ['isco', 'esco', 'cn2022']);

export const occupations = pgTable(
  'occupations',
  {
    system: occupationSystemEnum('system').notNull(),
    code: text('code').notNull(),
    labelEn: text('label_en'),
    labelZh: text('label_zh'),
    /** 1 = major group ... 4 = unit/detailed; ESCO occupations are 5. */
    level: integer('level').notNull(),
    parentCode: text('parent_code'),
    /** ISCO-08 unit group this occupation falls in (for esco rows; for isco unit groups, the code). */
    iscoUnit: text('isco_unit'),
  },
  (t) => [primaryKey({ columns: [t.system, t.code] }), index('occupations_parent_idx').on(t.system, t.parentCode)],
);
