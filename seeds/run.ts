import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createDatabase } from '../src/db/client.js';
import { runCli } from '../src/cli/run-cli.js';
import { seedReference } from './reference.js';
import { seedDemo } from './demo/index.js';

// Loads reference data (taxonomies, districts, the office tree) and, with --demo, demo records.
// Idempotent: reference rows are upserted, demo data is skipped when already present.
await runCli(async () => {
  const { values } = parseArgs({ options: { demo: { type: 'boolean', default: false } } });
  const config = loadConfig();
  const database = createDatabase(config.databaseUrl, { max: 2, appName: 'pes-seed' });
  try {
    const started = Date.now();
    const ref = await seedReference(database.db);
    console.log(`reference data / 基础数据: ${JSON.stringify(ref)} (${Date.now() - started} ms)`);
    if (values.demo) {
      const demo = await seedDemo(database.db, { now: new Date(), hashKey: config.hashKey });
      console.log(`demo data / 演示数据: ${JSON.stringify(demo)} (${Date.now() - started} ms)`);
    }
  } finally {
    await database.close();
  }
});
