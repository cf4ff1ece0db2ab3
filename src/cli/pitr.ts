import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { archiveSettings, baseBackup, prepareRecovery, startRecovered } from './point-in-time.js';
import { runCli } from './run-cli.js';

const USAGE = `usage:
  npm run pitr -- settings --wal /var/lib/pes-wal            print the postgresql.conf lines for WAL archiving
  npm run pitr -- base-backup --dir /var/backups/pes/base    nightly base backup of the server (DATABASE_URL)
  npm run pitr -- recover --base <dir/base-...> --wal <archive> --target-time 2026-12-05T10:15:00+08:00 --data <new data dir> [--start --port 5433 --user postgres]
then point DATABASE_URL at the recovered server and run: npm run restore -- --after-recovery`;

// Point-in-time recovery (docs/adr/0215-point-in-time-recovery.md, README → Backups).
await runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      wal: { type: 'string' },
      dir: { type: 'string' },
      base: { type: 'string' },
      'target-time': { type: 'string' },
      data: { type: 'string' },
      start: { type: 'boolean', default: false },
      port: { type: 'string', default: '5433' },
      user: { type: 'string', default: 'postgres' },
    },
  });
  const [command] = positionals;
  if (command === 'settings') {
    if (!values.wal) throw new Error(`--wal is required\n${USAGE}`);
    for (const [k, v] of Object.entries(archiveSettings(values.wal))) console.log(`${k} = '${v}'`);
  } else if (command === 'base-backup') {
    const m = await baseBackup(loadConfig().databaseUrl, values.dir ?? 'backups/base');
    console.log(`base backup ${m.dir} (${(m.bytes / 1e6).toFixed(1)} MB) in ${m.ms} ms, WAL from ${m.startLsn}`);
  } else if (command === 'recover') {
    if (!values.base || !values.wal || !values['target-time'] || !values.data) throw new Error(`--base, --wal, --target-time and --data are required\n${USAGE}`);
    const r = await prepareRecovery({ base: values.base, wal: values.wal, targetTime: new Date(values['target-time']), data: values.data });
    console.log(`prepared ${r.data}: replays the archive up to ${r.target}, then opens for writes`);
    if (values.start) {
      const url = await startRecovered(r.data, Number(values.port), { user: values.user });
      console.log(`recovered server is up at ${url}; now run: npm run restore -- --after-recovery (with DATABASE_URL pointing at it)`);
    } else console.log(`start it with: pg_ctl -D ${r.data} start (as the postgres user), then: npm run restore -- --after-recovery`);
  } else throw new Error(USAGE);
});
