import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { backup } from './backup-restore.js';
import { runCli } from './run-cli.js';

// Usage: npm run backup [-- --dir backups]
// Writes backups/pes-<db>-<time>.dump (pg_dump custom format) and a .json manifest beside it.
await runCli(async () => {
  const { values } = parseArgs({ options: { dir: { type: 'string', default: 'backups' }, json: { type: 'boolean', default: false } } });
  const config = loadConfig();
  const m = await backup(config.databaseUrl, values.dir!);
  if (values.json) console.log(JSON.stringify(m));
  else {
    console.log(`backup ${m.file} (${(m.bytes / 1e6).toFixed(1)} MB) in ${m.dumpMs} ms`);
    console.log(`  seekers ${m.counts.seekers}, vacancies ${m.counts.vacancies}, audit rows ${m.counts.audit_log} (head seq ${m.audit.lastSeq ?? '-'})`);
  }
});
