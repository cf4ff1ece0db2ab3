import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';
import type { Config } from '../config.js';

/**
 * Fields of an error object that can carry a row's values: the statement parameters
 * (postgres.js `parameters`, drizzle `params`), Postgres' `detail` ("Failing row contains
 * (…, 张三, 13800138000, …)") and the like. DESIGN.md invariant 2: none of it reaches a log.
 */
const ERROR_FIELDS_WITH_VALUES = new Set(['parameters', 'params', 'args', 'values', 'detail', 'body', 'payload', 'where']);

/** Drizzle puts the parameters into the message itself: "Failed query: …\nparams: 张三,138…". */
const stripParams = (s: string) => s.replace(/\nparams:[\s\S]*$/m, '\nparams: [redacted]');

function scrubError(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return typeof value === 'string' ? stripParams(value) : value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (ERROR_FIELDS_WITH_VALUES.has(k)) continue;
    out[k] = scrubError(v, depth + 1);
  }
  return out;
}

/** The standard error serializer, minus anything that can hold a record's values. */
export function safeErrorSerializer(err: Error): unknown {
  return scrubError(stdSerializers.err(err));
}

/**
 * Personal fields that must never be logged even if some code passes a record to the logger.
 * (Request bodies and query strings are never logged: the request line carries the path only.)
 */
const PERSONAL_PATHS = ['phone', 'nationalId', 'idNumber', 'address', 'birthDate', 'profileText', 'contactPhone', 'email']
  .flatMap((f) => [f, `*.${f}`]);

/** JSON lines for machines; pino-pretty only when a person watches a terminal. */
export function createLogger(config: Pick<Config, 'logLevel'>, name: string, destination?: DestinationStream): Logger {
  const pretty = !destination && process.stdout.isTTY;
  return pino(
    {
      name,
      level: config.logLevel,
      serializers: { err: safeErrorSerializer, error: safeErrorSerializer },
      redact: { paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie', ...PERSONAL_PATHS], censor: '[redacted]' },
      ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
    },
    destination as DestinationStream,
  );
}
