import { loadConfig } from '../config.js';
import { createDatabase } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { runCli } from './run-cli.js';

await runCli(async () => {
  const config = loadConfig();
  const database = createDatabase(config.databaseUrl, { max: 1, appName: 'pes-migrate' });
  try {
    await runMigrations(database);
    console.log('migrations applied / 数据库迁移完成');
  } finally {
    await database.close();
  }
});
