import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { runMigrations } from './db/migrate.js';
import { createLogger } from './lib/logger.js';
import { openResources } from './runtime.js';

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

const config = configOrExit();
const logger = createLogger(config, 'api');
const resources = openResources(config);

if (config.migrateOnStart) {
  await runMigrations(resources.database);
  logger.info('migrations applied');
}

// Idempotent: creates indexes / applies settings on the configured search engine.
await resources.search.setup().catch((err) => logger.error({ err: err.message }, 'search engine setup failed; readiness will say so'));

const app = await buildApp({ config, ...resources }, { logger });
await app.listen({ host: config.host, port: config.port });
logger.info({ search: resources.search.name }, `API listening on ${config.host}:${config.port}`);

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  logger.info({ signal }, 'shutting down: finishing in-flight requests');
  const force = setTimeout(() => {
    logger.error('shutdown took longer than 15 s, exiting');
    process.exit(1);
  }, 15_000);
  force.unref();
  // app.close() stops accepting connections and waits for in-flight requests.
  await app.close();
  await resources.close();
  logger.info('closed');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
