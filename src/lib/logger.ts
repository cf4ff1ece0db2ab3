import { pino, type Logger } from 'pino';
import type { Config } from '../config.js';

/** JSON lines for machines; pino-pretty only when a person watches a terminal. */
export function createLogger(config: Pick<Config, 'logLevel'>, name: string): Logger {
  const pretty = process.stdout.isTTY;
  return pino({
    name,
    level: config.logLevel,
    redact: { paths: ['req.headers.authorization', 'req.headers["x-api-key"]'], remove: true },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  });
}
