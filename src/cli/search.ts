import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { createDatabase } from '../db/client.js';
import { createSearchEngine } from '../search/index.js';
import { checkDrift, reindex } from '../search/sync.js';
import type { IndexName } from '../search/engine.js';
import { runCli } from './run-cli.js';

// Usage: npm run search -- reindex vacancies|seekers
//        npm run search -- check vacancies|seekers     (exit 1 when the index drifted)
await runCli(async () => {
  const { positionals } = parseArgs({ allowPositionals: true });
  const [command, index] = positionals as [string, IndexName];
  if (!['reindex', 'check'].includes(command) || !['vacancies', 'seekers'].includes(index)) {
    throw new Error('usage: npm run search -- reindex|check vacancies|seekers');
  }
  const config = loadConfig();
  const database = createDatabase(config.databaseUrl, { max: 2, appName: 'pes-search-cli' });
  const engine = createSearchEngine(config, database.sql);
  try {
    await engine.setup();
    if (command === 'reindex') {
      const started = Date.now();
      const r = await reindex(database.sql, engine, index);
      console.log(`reindexed ${index} on ${engine.name}: ${r.count} documents, ${r.resynced} re-synced, ${Date.now() - started} ms`);
    } else {
      const r = await checkDrift(database.sql, engine, index);
      const drift = r.missing.length + r.extra.length + r.stale.length;
      console.log(`${index} on ${engine.name}: ${r.expected} expected, ${r.indexed} indexed, missing ${r.missing.length}, extra ${r.extra.length}, stale ${r.stale.length}`);
      for (const [what, ids] of [['missing', r.missing], ['extra', r.extra], ['stale', r.stale]] as const) {
        if (ids.length) console.log(`  ${what}: ${ids.slice(0, 20).join(', ')}${ids.length > 20 ? ' …' : ''}`);
      }
      if (drift) process.exitCode = 1;
    }
  } finally {
    await engine.close();
    await database.close();
  }
});
