/**
 * Bulk import benchmark: 10,000 vacancies built from real postings, imported through the
 * service (parse, validate, screen, resolve employers, upsert, outbox) into a fresh database,
 * against a plain COPY of the same rows into a scratch table with the same columns.
 *
 *   DATABASE_URL=postgres://... npx tsx scripts/bench-import.ts [--rows 10000] [--repeat 3] [--no-write] [--keep]
 *
 * Each repetition starts from empty vacancy/employer tables; the median is reported (the build
 * machines are shared, so single runs vary).
 *
 * Creates (and drops) a database `pes_bench_<random>` next to the one in DATABASE_URL, and
 * writes the figures into BENCHMARKS.md ("Bulk import") unless --no-write or --rows is not the default 10,000.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import postgres from 'postgres';
import { eq } from 'drizzle-orm';
import { createDatabase } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';
import { creditCodeCheckChar } from '../src/lib/validators.js';
import { offices } from '../src/modules/offices/offices.table.js';
import { fairs } from '../src/modules/fairs/fairs.table.js';
import { createImport, runImport } from '../src/modules/imports/index.js';
import { toCsv } from '../src/lib/csv.js';
import { recordFigures } from './bench/results.js';
import { seedDemoCity } from '../seeds/reference.js';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000' },
    repeat: { type: 'string', default: '3' },
    'no-write': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const ROWS = Number(args.rows);
const REPEAT = Math.max(1, Number(args.repeat));
const baseUrl = process.env.DATABASE_URL;
if (!baseUrl) {
  console.error('DATABASE_URL is required (e.g. start services with `source scripts/services.sh; services_up test`)');
  process.exit(1);
}
const DATA = new URL('../seeds/demo/postings/', import.meta.url);

const HEADER = ['外部编号', '岗位名称', '单位名称', '统一社会信用代码', '招聘人数', '薪资下限', '薪资上限', '薪资单位', '学历要求', '工作经验', '用工形式', '工作区县', '岗位描述', '任职要求', '公益性岗位'];
const DISTRICTS = ['440103', '440104', '440105', '440106', '440111', '440112', '440113', '440114'];

/** 10,000 rows of real titles, requirement texts, salaries and companies (cycled, with distinct refs). */
function buildRows(n: number): string[][] {
  const read = (f: string) => parse(readFileSync(new URL(f, DATA)), { columns: true, bom: true, relax_column_count: true }) as Record<string, string>[];
  const lagou = read('lagou_data_jobs.csv');
  const zhaopin = read('zhaopin_python_jobs_2018.csv');
  const codes = new Map<string, string>();
  const codeOf = (name: string) => {
    let c = codes.get(name);
    if (!c) {
      const first = `91440100MA${String(codes.size).padStart(7, '0')}`;
      c = first + creditCodeCheckChar(first);
      codes.set(name, c);
    }
    return c;
  };
  const salary = (s: string) => {
    const m = /^(\d+)k-(\d+)k$/i.exec(s) ?? /^(\d+)-(\d+)$/.exec(s);
    if (!m) return ['', ''];
    const k = /k/i.test(s) ? 1000 : 1;
    return [String(Number(m[1]) * k), String(Number(m[2]) * k)];
  };
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const district = DISTRICTS[i % DISTRICTS.length]!;
    if (i % 3 === 2) {
      const z = zhaopin[i % zhaopin.length]!;
      const [lo, hi] = salary(z.salary ?? '');
      rows.push([`BENCH-${i}`, (z.title ?? '').slice(0, 120), z.company!, codeOf(z.company!), '1', lo!, hi!, '月', '本科', '3', '全职', district, `${z.industry ?? ''}`, (z.requirements ?? '').slice(0, 2000), '否']);
    } else {
      const l = lagou[i % lagou.length]!;
      const [lo, hi] = salary(l.salary ?? '');
      const skills = (l.skillLables ?? '').replace(/[[\]']/g, '');
      rows.push([`BENCH-${i}`, (l.positionName ?? '').slice(0, 120), l.companyFullName!, codeOf(l.companyFullName!), String(1 + (i % 4)), lo!, hi!, '月', l.education!, l.workYear!, l.jobNature!, district, `${l.positionAdvantage ?? ''} ${skills}`.trim(), `${l.thirdType ?? ''}方向，${l.workYear}经验，${l.education}学历；${skills}`, '否']);
    }
  }
  return rows;
}

const adminUrl = (name: string) => {
  const u = new URL(baseUrl!);
  u.pathname = `/${name}`;
  return u.toString();
};

const dbName = `pes_bench_${randomBytes(4).toString('hex')}`;
const admin = postgres(adminUrl('postgres'), { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${dbName}`);
const database = createDatabase(adminUrl(dbName), { max: 4, appName: 'pes-bench' });
try {
  await runMigrations(database);
  const db = database.db;
  await seedDemoCity(db);
  const [office] = await db.select().from(offices).where(eq(offices.code, '440106'));
  const start = new Date();
  const [fair] = await db
    .insert(fairs)
    .values({ name: '基准测试招聘会', kind: 'weekly_saturday', startsAt: start, endsAt: new Date(start.getTime() + 3600_000), venue: '天河', officeId: office!.id })
    .returning();

  const rows = buildRows(ROWS);
  const csv = Buffer.from(toCsv([HEADER, ...rows]));
  const principal = { keyId: '', name: 'bench', role: 'admin' as const, employerId: null, officeId: null, roles: ['admin' as const], personId: null, kind: 'key' as const };

  // 1. Through the service: a first import (all inserts, employers created), then the same file again (all unchanged).
  const importOnce = async () => {
    const t0 = performance.now();
    const { importId } = await createImport(db, principal, { fairId: fair!.id, content: csv, filename: 'bench.csv', format: 'csv', allowCreateEmployers: true, publish: true }, { enqueueJob: false });
    const view = await runImport(db, importId);
    return { ms: performance.now() - t0, view };
  };
  const firsts: Awaited<ReturnType<typeof importOnce>>[] = [];
  const agains: Awaited<ReturnType<typeof importOnce>>[] = [];
  for (let i = 0; i < REPEAT; i++) {
    if (i > 0) await database.sql`truncate vacancies, employers, outbox, vacancy_imports restart identity cascade`;
    firsts.push(await importOnce());
    agains.push(await importOnce());
    if (firsts[i]!.view.status !== 'completed') throw new Error(`import failed: ${JSON.stringify(firsts[i]!.view.fatalError)}`);
    console.log(`run ${i + 1}/${REPEAT}: first ${fmt(firsts[i]!.ms)}, again ${fmt(agains[i]!.ms)}`);
  }
  const median = <T extends { ms: number }>(xs: T[]) => [...xs].sort((a, b) => a.ms - b.ms)[Math.floor(xs.length / 2)]!;
  const first = median(firsts);
  const again = median(agains);
  const range = (xs: { ms: number }[]) => `${fmt(Math.min(...xs.map((x) => x.ms)))}–${fmt(Math.max(...xs.map((x) => x.ms)))}`;
  const load = os.loadavg()[0]!.toFixed(1);

  // 2. Baseline: COPY of the same CSV into a scratch table with the same columns (all text, no checks).
  await database.sql.unsafe(`create table bench_copy (${HEADER.map((_, i) => `c${i} text`).join(', ')})`);
  const t0 = performance.now();
  const writable = await database.sql`copy bench_copy from stdin with (format csv, header true, encoding 'UTF8')`.writable();
  await pipeline(Readable.from([csv.subarray(3)]), writable);
  const copyMs = performance.now() - t0;
  const [{ n: copied }] = (await database.sql`select count(*)::int as n from bench_copy`) as unknown as [{ n: number }];
  const [{ n: outboxRows }] = (await database.sql`select count(*)::int as n from outbox where job_name = 'search.sync-vacancy'`) as unknown as [{ n: number }];

  const v = first.view;
  const ratio = first.ms / copyMs;
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown cpu'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, Postgres ${(await database.sql`show server_version`)[0]!.server_version as string}`;
  const lines = [
    `rows: ${ROWS} (${(csv.length / 2 ** 20).toFixed(1)} MiB CSV)`,
    `service import (first):  ${fmt(first.ms)}  inserted=${v.inserted} updated=${v.updated} unchanged=${v.unchanged} failed=${v.failed}  (${Math.round((ROWS / first.ms) * 1000)} rows/s)`,
    `service import (again):  ${fmt(again.ms)}  unchanged=${again.view.unchanged} failed=${again.view.failed}`,
    `COPY baseline:           ${fmt(copyMs)}  rows=${copied}`,
    `ratio import/COPY:       ${ratio.toFixed(1)}x`,
    `outbox rows (search sync): ${outboxRows}`,
    `machine: ${machine}; load average ${load}`,
  ];
  console.log(lines.join('\n'));
  recordFigures('import', `npx tsx scripts/bench-import.ts --rows ${ROWS}`, [
    {
      measure: `bulk import of ${ROWS.toLocaleString('en')} vacancy rows (median of ${REPEAT})`,
      value: fmt(first.ms),
      target: ROWS === 10_000 ? '≤ 5 s' : '',
      met: ROWS === 10_000 ? first.ms <= 5000 && v.failed === 0 : null,
      baseline: `COPY of the same CSV ${fmt(copyMs)} (${ratio.toFixed(1)}×)`,
    },
  ]);
  if (v.failed) console.log('first errors:', v.errors.slice(0, 5));

  if (!args['no-write'] && ROWS === 10_000) {
    const section = [
      '## Bulk import',
      '',
      `${ROWS.toLocaleString('en')} vacancies built from the real postings in \`../shared/data/postings\` (titles, requirement texts, salaries,`,
      `companies; ${(csv.length / 2 ** 20).toFixed(1)} MiB UTF-8 CSV with Chinese headers), imported through \`runImport\` (the job handler's`,
      'code: decode, parse, map headers, validate against VacancyFields + normaliseVacancy, credit code checksum, screening,',
      'employer resolution/creation, batched upserts of 1,000 rows with one outbox row per changed vacancy) into a fresh,',
      'migrated database. Baseline: `COPY` of the same CSV into a scratch table with the same 15 columns (all text, no checks).',
      '',
      `| what | wall time (median of ${REPEAT}) | range | rows/s |`,
      '|---|---|---|---|',
      `| service import, first upload (${v.inserted} inserted, ${new Set(rows.map((r) => r[3])).size} employers created) | ${fmt(first.ms)} | ${range(firsts)} | ${Math.round((ROWS / first.ms) * 1000).toLocaleString('en')} |`,
      `| service import, same file again (${again.view.unchanged} unchanged) | ${fmt(again.ms)} | ${range(agains)} | ${Math.round((ROWS / again.ms) * 1000).toLocaleString('en')} |`,
      `| \`COPY\` baseline | ${fmt(copyMs)} | | ${Math.round((ROWS / copyMs) * 1000).toLocaleString('en')} |`,
      '',
      `Ratio service import / COPY: **${ratio.toFixed(1)}×**. Target: 10,000 rows in < 5 s.`,
      '',
      'Where the time goes (CPU profile of a 10,000-row run): CSV decoding and parsing ~0.3 s, row validation ~1.3 s',
      '(of which the screening engine ~1 s on the long requirement texts), the upserts ~1.4 s in Postgres. Validation',
      'of batch k+1 overlaps with Postgres committing batch k, so the two cores are both busy. Two earlier versions were',
      'much slower: building the 1,000-row VALUES list with the query builder (~200 ms a batch, now one jsonb parameter',
      'and `jsonb_to_recordset`), and returning the stored file (bytea) from every status update (~2 s).',
      '',
      `Machine: ${machine}. Postgres with fsync=off (the test profile of \`scripts/services.sh\`).`,
      `The machine is shared with other builds: 1-minute load average ${load} at the end of the run.`,
      `Measured ${new Date().toISOString().slice(0, 10)}.`,
      '',
      'Command:',
      '',
      '```bash',
      'source scripts/services.sh && services_up test   # or set DATABASE_URL to any Postgres 15',
      'npx tsx scripts/bench-import.ts                  # --rows N, --no-write, --keep',
      'services_down',
      '```',
      '',
    ].join('\n');
    const file = new URL('../BENCHMARKS.md', import.meta.url);
    const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n';
    const re = /## Bulk import\n[\s\S]*?(?=\n## |$)/;
    const next = re.test(current) ? current.replace(re, section) : `${current.trimEnd()}\n\n${section}`;
    writeFileSync(file, next);
    console.log('wrote BENCHMARKS.md');
  }
} finally {
  await database.close();
  if (!args.keep) await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  else console.log(`kept database ${dbName}`);
  await admin.end();
}

function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}
