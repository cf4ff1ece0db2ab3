import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../src/db/client.js';
import { occupations } from '../src/modules/occupations/occupations.table.js';
import type { CnOccupation, EscoOccupation, IscoGroup } from '../src/modules/occupations/index.js';
import { iscoForCn2022 } from '../src/modules/occupations/index.js';
import { districts, offices } from '../src/modules/offices/offices.table.js';

/**
 * Reference data: the occupation taxonomies from seeds/taxonomy and a demo city (Guangzhou,
 * 广州市) with its eleven districts and a PES office tree city → district → street.
 * Idempotent: every row is an upsert on its natural key, so running it twice changes nothing.
 */

const TAXONOMY = new URL('./taxonomy/', import.meta.url);
const json = <T>(file: string): T => JSON.parse(readFileSync(new URL(file, TAXONOMY), 'utf8')) as T;

type OccupationInsert = typeof occupations.$inferInsert;

export function occupationRows(): OccupationInsert[] {
  const rows: OccupationInsert[] = [];
  // Chinese names of the ISCO-08 groups written by the team (issue 18): no Chinese page shows an English name.
  const iscoZh = json<Record<string, string>>('isco-groups-zh.json');
  for (const g of json<IscoGroup[]>('isco-groups.json')) {
    rows.push({
      system: 'isco',
      code: g.code,
      labelEn: g.label,
      labelZh: iscoZh[g.code] ?? null,
      level: g.code.length,
      parentCode: g.code.length > 1 ? g.code.slice(0, -1) : null,
      iscoUnit: g.code.length === 4 ? g.code : null,
    });
  }
  // ESCO occupations sit under an ISCO-08 unit group; their code ("2512.4") starts with it.
  for (const o of json<EscoOccupation[]>('esco-occupations.json')) {
    rows.push({ system: 'esco', code: o.code, labelEn: o.label, labelZh: null, level: 5, parentCode: o.iscoGroup, iscoUnit: o.iscoGroup });
  }
  for (const c of json<CnOccupation[]>('cn-occupations.json')) {
    // The crosswalk gives every detailed occupation and small group its ISCO-08 unit group.
    rows.push({ system: 'cn2022', code: c.code, labelEn: null, labelZh: c.name, level: c.level, parentCode: c.parent, iscoUnit: iscoForCn2022(c.code) ?? null });
  }
  return rows;
}

/** GB/T 2260 codes of Guangzhou and its districts, with approximate centroids (district government seats). */
export const DEMO_CITY = {
  code: '440100',
  nameZh: '广州市',
  nameEn: 'Guangzhou',
  lat: 23.1291,
  lon: 113.2644,
  districts: [
    { code: '440103', nameZh: '荔湾区', nameEn: 'Liwan District', lat: 23.1259, lon: 113.2442 },
    { code: '440104', nameZh: '越秀区', nameEn: 'Yuexiu District', lat: 23.129, lon: 113.2668 },
    { code: '440105', nameZh: '海珠区', nameEn: 'Haizhu District', lat: 23.0838, lon: 113.3172 },
    { code: '440106', nameZh: '天河区', nameEn: 'Tianhe District', lat: 23.1247, lon: 113.3612 },
    { code: '440111', nameZh: '白云区', nameEn: 'Baiyun District', lat: 23.1575, lon: 113.273 },
    { code: '440112', nameZh: '黄埔区', nameEn: 'Huangpu District', lat: 23.1816, lon: 113.4807 },
    { code: '440113', nameZh: '番禺区', nameEn: 'Panyu District', lat: 22.9375, lon: 113.384 },
    { code: '440114', nameZh: '花都区', nameEn: 'Huadu District', lat: 23.404, lon: 113.2203 },
    { code: '440115', nameZh: '南沙区', nameEn: 'Nansha District', lat: 22.8016, lon: 113.5253 },
    { code: '440117', nameZh: '从化区', nameEn: 'Conghua District', lat: 23.5486, lon: 113.5866 },
    { code: '440118', nameZh: '增城区', nameEn: 'Zengcheng District', lat: 23.2613, lon: 113.8107 },
  ],
  /**
   * Street-level service stations (街道公共就业服务站). Street names are real; the 9-digit codes
   * follow the GB/T 10114 shape (district code + 3 digits) but are assigned here for the demo.
   */
  streets: [
    { code: '440106001', district: '440106', nameZh: '石牌街道', nameEn: 'Shipai Subdistrict', lat: 23.1333, lon: 113.3411 },
    { code: '440106002', district: '440106', nameZh: '五山街道', nameEn: 'Wushan Subdistrict', lat: 23.1559, lon: 113.3517 },
    { code: '440106003', district: '440106', nameZh: '棠下街道', nameEn: 'Tangxia Subdistrict', lat: 23.1327, lon: 113.3874 },
    { code: '440104001', district: '440104', nameZh: '北京街道', nameEn: 'Beijing Road Subdistrict', lat: 23.1251, lon: 113.2697 },
    { code: '440111001', district: '440111', nameZh: '京溪街道', nameEn: 'Jingxi Subdistrict', lat: 23.1817, lon: 113.3213 },
    { code: '440113001', district: '440113', nameZh: '市桥街道', nameEn: 'Shiqiao Subdistrict', lat: 22.9442, lon: 113.3629 },
  ],
} as const;

export interface ReferenceCounts {
  occupations: number;
  districts: number;
  offices: number;
}

export async function seedOccupations(db: DbOrTx): Promise<number> {
  const rows = occupationRows();
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insert(occupations)
      .values(rows.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: [occupations.system, occupations.code],
        set: {
          labelEn: sql`excluded.label_en`,
          labelZh: sql`excluded.label_zh`,
          level: sql`excluded.level`,
          parentCode: sql`excluded.parent_code`,
          iscoUnit: sql`excluded.isco_unit`,
        },
      });
  }
  return rows.length;
}

export async function seedDemoCity(db: DbOrTx): Promise<{ districts: number; offices: number }> {
  const c = DEMO_CITY;
  const districtRows = [
    { code: c.code, nameZh: c.nameZh, nameEn: c.nameEn, parentCode: '440000', lat: c.lat, lon: c.lon },
    ...c.districts.map((d) => ({ ...d, parentCode: c.code })),
    ...c.streets.map((s) => ({ code: s.code, nameZh: s.nameZh, nameEn: s.nameEn, parentCode: s.district, lat: s.lat, lon: s.lon })),
  ];
  await db
    .insert(districts)
    .values(districtRows)
    .onConflictDoUpdate({
      target: districts.code,
      set: { nameZh: sql`excluded.name_zh`, nameEn: sql`excluded.name_en`, parentCode: sql`excluded.parent_code`, lat: sql`excluded.lat`, lon: sql`excluded.lon` },
    });

  const upsertOffice = async (o: { code: string; nameZh: string; nameEn: string; level: 'city' | 'district' | 'street'; parentId: string | null; path: string; districtCode: string }) => {
    const [row] = await db
      .insert(offices)
      .values(o)
      .onConflictDoUpdate({
        target: offices.code,
        set: { nameZh: o.nameZh, nameEn: o.nameEn, level: o.level, parentId: o.parentId, path: o.path, districtCode: o.districtCode },
      })
      .returning({ id: offices.id });
    return row!.id;
  };

  let count = 0;
  const cityId = await upsertOffice({
    code: c.code,
    nameZh: `${c.nameZh}公共就业服务中心`,
    nameEn: `${c.nameEn} Public Employment Service Centre`,
    level: 'city',
    parentId: null,
    path: c.code,
    districtCode: c.code,
  });
  count++;
  const districtOffice = new Map<string, string>();
  for (const d of c.districts) {
    districtOffice.set(
      d.code,
      await upsertOffice({
        code: d.code,
        nameZh: `${d.nameZh}公共就业服务中心`,
        nameEn: `${d.nameEn} Public Employment Service Centre`,
        level: 'district',
        parentId: cityId,
        path: `${c.code}/${d.code}`,
        districtCode: d.code,
      }),
    );
    count++;
  }
  for (const s of c.streets) {
    await upsertOffice({
      code: s.code,
      nameZh: `${s.nameZh}公共就业服务站`,
      nameEn: `${s.nameEn} Employment Service Station`,
      level: 'street',
      parentId: districtOffice.get(s.district)!,
      path: `${c.code}/${s.district}/${s.code}`,
      districtCode: s.code,
    });
    count++;
  }
  return { districts: districtRows.length, offices: count };
}

/** Everything reference, in one transaction (called by seeds/run.ts and by tests). */
export async function seedReference(db: DbOrTx): Promise<ReferenceCounts> {
  return db.transaction(async (tx) => {
    const occupationCount = await seedOccupations(tx);
    const city = await seedDemoCity(tx);
    return { occupations: occupationCount, ...city };
  });
}
