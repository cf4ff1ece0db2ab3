/**
 * RPO and RTO of `npm run backup` / `npm run restore` for the demo city and the 1M-seeker city.
 * For each scale: a fresh database, filled (demo: `seedReference` + `seedDemo`; 1m:
 * `generateCity` with 1,000,000 seekers, 200,000 vacancies, 200,000 referrals over 104 weeks),
 * plus audit rows through the chain trigger; then a backup, the database dropped, a restore
 * (pg_restore, migrations, search rebuild, job re-delivery) and the checks (counts against the
 * manifest, audit chain, search drift). Same-run baseline: a bare `pg_dump -Fc` of the same database to a file.
 *
 *   npm run bench -- backup-restore [--scales demo,1m] [--audit-rows 100000]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { loadConfig } from '../../src/config.js';
import { createDatabase } from '../../src/db/client.js';
import { backup, pgTool, restore } from '../../src/cli/backup-restore.js';
import { seedReference } from '../../seeds/reference.js';
import { seedDemo } from '../../seeds/demo/index.js';
import { generateCity } from './generate.js';
import { freshDatabase, machine, requireEnv, table, withDb } from './lib.js';
import { recordFigures, type Figure } from './results.js';

const { values } = parseArgs({ options: { scales: { type: 'string', default: 'demo,1m' }, 'audit-rows': { type: 'string', default: '100000' } } });
const scales = values.scales!.split(',');
const auditRows = Number(values['audit-rows']);
const rows: (string | number)[][] = [];
const figures: Figure[] = [];
const dir = mkdtempSync(path.join(tmpdir(), 'pes-bench-backup-'));
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

for (const scale of scales) {
  const url = await freshDatabase('pes_bench_backup');
  const t0 = performance.now();
  if (scale === 'demo') {
    const database = createDatabase(url, { max: 2 });
    await seedReference(database.db);
    await seedDemo(database.db, { now: new Date(), hashKey: 'bench-hash-key-0123456789' });
    await database.close();
  } else {
    const sql = postgres(url, { max: 2, onnotice: () => {} });
    await generateCity(sql, { vacancies: 200_000, seekers: 1_000_000, referrals: 200_000, weeks: 104 }, undefined, () => {});
    await sql.end();
  }
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const n = scale === 'demo' ? Math.min(auditRows, 10_000) : auditRows;
  await sql`insert into audit_log (actor_name, actor_role, action, subject_type, subject_id, fields, reason)
            select 'bench', 'staff', 'read_personal_data', 'seeker', s.id::text, '{name,phone}', 'bench' from seekers s limit ${n}`;
  const [{ seekers }] = (await sql`select count(*)::int as seekers from seekers`) as unknown as [{ seekers: number }];
  await sql.end();
  const genS = (performance.now() - t0) / 1000;

  const b0 = performance.now();
  execFileSync(pgTool('pg_dump'), ['--format=custom', '--compress=6', `--file=${path.join(dir, 'baseline.dump')}`, url]);
  const baselineMs = performance.now() - b0;
  rmSync(path.join(dir, 'baseline.dump'));

  const manifest = await backup(url, dir);
  const admin = postgres(withDb(requireEnv('DATABASE_URL'), 'postgres'), { max: 1, onnotice: () => {} });
  await admin.unsafe('drop database pes_bench_backup with (force)');
  await admin.end();
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, REDIS_URL: requireEnv('REDIS_URL'), PES_QUEUE_PREFIX: 'benchbackup' });
  const r = await restore(config, manifest.file);
  const drift = r.drift.reduce((a, d) => a + d.missing.length + d.extra.length + d.stale.length, 0);
  const ok = r.countsMatchManifest === true && r.audit.ok && r.auditHeadMatchesManifest === true && drift === 0;
  console.error(`${scale}: ${JSON.stringify({ seekers, dumpMs: manifest.dumpMs, bytes: manifest.bytes, ...r.timings, ok, audit: r.audit.rows, drift })}`);
  rows.push([scale, seekers.toLocaleString('en'), manifest.counts.audit_log.toLocaleString('en'), `${(manifest.bytes / 1e6).toFixed(1)} MB`, s(manifest.dumpMs), s(baselineMs), s(r.timings.pgRestoreMs!), s(r.timings.reindexMs!), s(r.timings.rtoMs!), s(r.timings.verifyMs!), ok ? 'yes' : 'NO', `${genS.toFixed(0)} s`]);
  figures.push(
    { measure: `backup (pg_dump on a snapshot + manifest), ${scale} city`, value: s(manifest.dumpMs), target: '', met: null, baseline: `bare pg_dump ${s(baselineMs)}` },
    { measure: `RTO: restore to a serving database (pg_restore + migrate + search rebuild + requeue), ${scale} city`, value: s(r.timings.rtoMs!), target: '', met: null },
    { measure: `restore checks (counts, audit chain, drift) agree, ${scale} city`, value: ok ? 'yes' : 'no', target: 'yes', met: ok },
  );
}
rmSync(dir, { recursive: true, force: true });
console.log(table([['city', 'seekers', 'audit rows', 'dump size', 'backup', 'bare pg_dump', 'pg_restore', 'search rebuild', 'RTO (restore total)', 'checks', 'all agree', 'data generation'], ...rows]));
console.log(machine());
recordFigures('backup-restore', `npm run bench -- backup-restore --scales ${values.scales}`, figures);
