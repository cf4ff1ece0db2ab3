import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { afterRestore, restore } from './backup-restore.js';
import { runCli } from './run-cli.js';

// Usage: npm run restore -- --file backups/pes-....dump [--replace]
//        npm run restore -- --after-recovery   (after a point-in-time recovery: npm run pitr)
// Restores into DATABASE_URL's database (--replace drops an existing one first), applies newer
// migrations, rebuilds search and re-delivers recent jobs, then checks counts against the
// manifest, the audit chain and search drift. Exit 1 when any check fails.
await runCli(async () => {
  const { values } = parseArgs({
    options: { file: { type: 'string' }, replace: { type: 'boolean', default: false }, 'after-recovery': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
  });
  if (!values.file && !values['after-recovery']) throw new Error('usage: npm run restore -- --file backups/pes-....dump [--replace] | --after-recovery');
  const config = loadConfig();
  const log = values.json ? undefined : (m: string) => console.log(m);
  const r = values.file ? await restore(config, values.file, { replace: values.replace, log }) : await afterRestore(config, { file: 'point-in-time recovery', log });
  const drift = r.drift.reduce((n, d) => n + d.missing.length + d.extra.length + d.stale.length, 0);
  const ok = r.audit.ok && drift === 0 && r.countsMatchManifest !== false && r.auditHeadMatchesManifest !== false;
  if (values.json) console.log(JSON.stringify({ ...r, drift: r.drift.map((d) => ({ index: d.index, expected: d.expected, indexed: d.indexed, missing: d.missing.length, extra: d.extra.length, stale: d.stale.length })), ok }));
  else {
    console.log(`restored ${r.database} from ${r.file}: RTO ${r.timings.rtoMs} ms (pg_restore ${r.timings.pgRestoreMs ?? '-'}, migrate ${r.timings.migrateMs}, reindex ${r.timings.reindexMs} ms)`);
    console.log(`  counts match manifest: ${r.countsMatchManifest ?? 'no manifest'}; audit chain ${r.audit.ok ? 'OK' : 'BROKEN'} (${r.audit.rows} rows, head matches: ${r.auditHeadMatchesManifest ?? 'n/a'}); search drift ${drift}`);
  }
  if (!ok) process.exitCode = 1;
});
