import { ConfigError, loadConfig, type Config } from '../src/config.js';
import { createDatabase } from '../src/db/client.js';
import { createLogger } from '../src/lib/logger.js';
import { createSearchEngine } from '../src/search/index.js';
import { startWorkerRuntime } from './runtime.js';
import { upsertSchedules } from './schedules.js';
import { createWorkerMetrics, startMetricsServer } from '../src/plugins/metrics.js';

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

const logger = createLogger(config, 'worker');
const database = createDatabase(config.databaseUrl, { appName: 'pes-worker' });
const search = createSearchEngine(config, database.sql);
await search.setup().catch((err) => logger.error({ err: err.message }, 'search engine setup failed'));
const runtime = await startWorkerRuntime({ config, database, search, logger });
await upsertSchedules(config, logger);
logger.info({ queues: runtime.workers.map((w) => w.name) }, 'workers started');
// Prometheus metrics of this process (job outcomes and durations): GET :PES_WORKER_METRICS_PORT/metrics.
const workerMetrics = createWorkerMetrics();
workerMetrics.instrument(runtime.workers);
const metricsServer = await startMetricsServer(workerMetrics.registry, { port: config.workerMetricsPort, token: config.metricsToken }).catch((err) => {
  // Another worker on this host already has the port: run on, without a metrics listener.
  logger.warn({ err: err.message, port: config.workerMetricsPort }, 'worker metrics listener not started');
  return null;
});

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  logger.info({ signal }, 'stopping workers: active jobs finish first');
  await runtime.close();
  metricsServer?.close();
  await search.close();
  await database.close();
  logger.info('workers stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
