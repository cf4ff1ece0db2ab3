import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { createDatabase } from '../db/client.js';
import { createApiKey, findPrincipal } from '../modules/auth/index.js';
import { runCli } from './run-cli.js';

// Usage: npm run create-admin-key -- --name "Ops team"
// `--keep-in FILE` (used by `npm run dev`) reuses the key stored there while it is still valid.
await runCli(async () => {
  const { values } = parseArgs({
    options: { name: { type: 'string', default: 'first admin' }, 'keep-in': { type: 'string' }, quiet: { type: 'boolean' } },
  });
  const config = loadConfig();
  const database = createDatabase(config.databaseUrl, { max: 1, appName: 'pes-cli' });
  try {
    const file = values['keep-in'];
    if (file && existsSync(file)) {
      const kept = readFileSync(file, 'utf8').trim();
      const principal = await findPrincipal(database.db, config.hashKey, kept);
      if (principal?.role === 'admin') {
        console.log(kept);
        return;
      }
    }
    const { key } = await createApiKey(database.db, config.hashKey, { name: values.name!, role: 'admin' });
    if (file) writeFileSync(file, `${key}\n`, { mode: 0o600 });
    if (values.quiet) console.log(key);
    else console.log(`admin API key (shown once, store it safely / 仅显示一次，请妥善保存):\n${key}`);
  } finally {
    await database.close();
  }
});
