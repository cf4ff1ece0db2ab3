import { doublePrecision, index, pgEnum, pgTable, text, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../../db/columns.js';

export const officeLevelEnum = pgEnum('office_level', ['city', 'district', 'street', 'community']);

/**
 * Public employment service offices, city > district/county > street/township > community.
 * `path` is the chain of codes from the city down ("440100/440106/440106001"), so "this office
 * and its children" is a prefix test. Writes are scoped that way; reads are city-wide.
 */
export const offices = pgTable(
  'offices',
  {
    id: id(),
    code: text('code').notNull().unique(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    level: officeLevelEnum('level').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => offices.id),
    path: text('path').notNull(),
    districtCode: text('district_code').references(() => districts.code),
    createdAt: createdAt(),
  },
  (t) => [index('offices_path_idx').on(t.path)],
);

/** Administrative divisions (GB/T 2260 codes) with an optional centroid for distances. */
export const districts = pgTable('districts', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  parentCode: text('parent_code'),
  lat: doublePrecision('lat'),
  lon: doublePrecision('lon'),
});
