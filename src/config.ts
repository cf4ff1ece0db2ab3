/**
 * The one place that reads process.env. Every setting is parsed and validated once at
 * start; a malformed value, or an unknown PES_* variable (usually a typo), stops the
 * process with a message naming the variable.
 */

import { DEFAULT_BOUNDS, type Bounds } from './lib/bounds.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  nodeEnv: 'development' | 'test' | 'production';
  host: string;
  port: number;
  databaseUrl: string;
  redisUrl: string;
  /** Meilisearch URL; when absent the Postgres search engine is used. */
  meiliUrl?: string;
  meiliMasterKey?: string;
  logLevel: LogLevel;
  /** BullMQ key prefix, so several deployments (or test files) can share one Redis. */
  queuePrefix: string;
  /** Secret for keyed hashes of national ID numbers and API keys. */
  hashKey: string;
  /** Public base URL used in QR codes and printed links. */
  publicBaseUrl: string;
  /** Largest accepted request body in bytes (bulk imports may be large). */
  bodyLimit: number;
  /** How often the outbox relay polls when no notification arrives (ms). */
  outboxPollMs: number;
  /** Apply pending migrations when the server starts. */
  migrateOnStart: boolean;
  /** Keep recent public search results in memory (PES_SEARCH_RESULT_CACHE); benchmarks switch it off to measure the engine. */
  searchResultCache: boolean;
  /** Vacancy terms and postings in each API process (PES_SEARCH_MEMORY_INDEX, docs/adr/0161); false answers from the SQL term index alone. */
  searchMemoryIndex: boolean;
  /** Megabytes of serialised vacancy documents each API process keeps for search pages (PES_SEARCH_DOC_CACHE_MB, docs/adr/0163); 0 switches it off. */
  searchDocCacheMb: number;
  /** Requests per minute per client IP on public routes (kiosk, public search, /v/:id). */
  publicRateLimit: number;
  /** Undefined: screening uses its built-in default (Shanghai, 2,690 CNY). */
  minimumMonthlyWage: number | undefined;
  /** Plausibility bounds on dates, ages and pay (src/lib/bounds.ts). */
  bounds: Bounds;
  /** Bearer token for GET /metrics (Prometheus); unset: only admin API keys may scrape. */
  metricsToken: string | undefined;
  /** Port of the worker process's own /metrics listener; 0 turns it off. */
  workerMetricsPort: number;
  /** Requests per minute per client IP on the vacancy change feed. */
  feedRateLimit: number;
  /**
   * Fastify's trustProxy: behind a reverse proxy, the client IP (rate limits, logs) comes from
   * X-Forwarded-For. false (default), true, or the proxies' addresses/CIDRs (comma-separated).
   */
  trustProxy: boolean | string;
  /** Person accounts and sessions (issue 17; defaults follow 等保 2.0 level 3 practice). */
  accounts: AccountsConfig;
  /** SMTP URL (smtp:// or smtps://) for e-mail; unset: the log sender writes messages to the log. */
  smtpUrl?: string;
  /** From address of e-mail sent through SMTP. */
  mailFrom: string;
  /** Retention rules (PIPL art. 19/47; Cybersecurity Law art. 21), applied by the daily privacy.apply-retention job. */
  retention: RetentionRules;
  /** 公益性岗位 open to people outside the priority groups after this many days without an eligible candidate; 0 = never. */
  welfareOpenAfterDays: number;
  /** A group smaller than this is shown in the fairness audit but never flagged (four-fifths rule). */
  fairnessMinGroup: number;
}

export interface AccountsConfig {
  passwordMinLength: number;
  /** Of lower case, upper case, digits and symbols, how many a password must contain. */
  passwordMinClasses: number;
  /** Failed sign-ins in a row that lock an account. */
  maxFailures: number;
  lockMinutes: number;
  /** Staff and admins must change their password after this many days (0: never). */
  passwordMaxAgeDays: number;
  /** Idle timeout of a session of a staff member or admin. */
  idleMinutesStaff: number;
  /** Idle timeout of other people's sessions (organisers, recruiters). */
  idleMinutesOther: number;
  /** A session ends this long after sign-in, however active. */
  absoluteHours: number;
  /** Set the Secure attribute on the session cookie (off only for plain-http development). */
  cookieSecure: boolean;
  /** Invitation and password-reset links expire after this many hours. */
  linkHours: number;
  /** Failed authentications from one client IP per 15 minutes before 429. */
  failuresPerIp: number;
}

export interface RetentionRules {
  /** Seekers with no change for this many months are anonymised. */
  seekerInactiveMonths: number;
  /** Audit rows older than this are pruned, with a chain checkpoint (at least 6: Cybersecurity Law art. 21). The one audit retention setting. */
  auditMonths: number;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const KNOWN_PES_VARS = new Set([
  'PES_QUEUE_PREFIX',
  'PES_HASH_KEY',
  'PES_PUBLIC_BASE_URL',
  'PES_BODY_LIMIT',
  'PES_OUTBOX_POLL_MS',
  'PES_MIGRATE_ON_START',
  'PES_SEARCH_RESULT_CACHE',
  'PES_SEARCH_MEMORY_INDEX',
  'PES_SEARCH_DOC_CACHE_MB',
  'PES_PUBLIC_RATE_LIMIT',
  'PES_MINIMUM_MONTHLY_WAGE',
  'PES_BOUNDS_VACANCY_MAX_EXPIRY_DAYS',
  'PES_BOUNDS_SEEKER_MAX_AGE',
  'PES_BOUNDS_WAGE_MONTHLY_MIN',
  'PES_BOUNDS_WAGE_MONTHLY_MAX',
  'PES_BOUNDS_FAIR_MAX_DAYS_AHEAD',
  'PES_METRICS_TOKEN',
  'PES_WORKER_METRICS_PORT',
  'PES_FEED_RATE_LIMIT',
  'PES_TRUST_PROXY',
  'PES_PASSWORD_MIN_LENGTH',
  'PES_PASSWORD_MIN_CLASSES',
  'PES_LOGIN_MAX_FAILURES',
  'PES_LOGIN_LOCK_MINUTES',
  'PES_PASSWORD_MAX_AGE_DAYS',
  'PES_SESSION_IDLE_MINUTES_STAFF',
  'PES_SESSION_IDLE_MINUTES_OTHER',
  'PES_SESSION_ABSOLUTE_HOURS',
  'PES_COOKIE_SECURE',
  'PES_LINK_HOURS',
  'PES_AUTH_FAILURES_PER_IP',
  'PES_SMTP_URL',
  'PES_MAIL_FROM',
  'PES_RETENTION_SEEKER_MONTHS',
  'PES_RETENTION_AUDIT_MONTHS',
  'PES_WELFARE_OPEN_AFTER_DAYS',
  'PES_FAIRNESS_MIN_GROUP',
]);

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const DEV_HASH_KEY = 'dev-only-hash-key-change-me';

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];

  for (const name of Object.keys(env)) {
    if (name.startsWith('PES_') && !KNOWN_PES_VARS.has(name)) {
      problems.push(`${name}: unknown variable (known: ${[...KNOWN_PES_VARS].join(', ')})`);
    }
  }

  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    problems.push(`${name}: "${v}" is not one of ${allowed.join(', ')}`);
    return fallback;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
      problems.push(`${name}: "${v}" must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return Number(v);
  };
  const url = (name: string, protocols: string[], fallback?: string): string | undefined => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    try {
      const u = new URL(v);
      if (!protocols.includes(u.protocol)) {
        problems.push(`${name}: protocol "${u.protocol}" must be one of ${protocols.join(', ')}`);
      }
      return v;
    } catch {
      problems.push(`${name}: "${redact(v)}" is not a valid URL`);
      return fallback;
    }
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    if (['1', 'true', 'yes'].includes(v)) return true;
    if (['0', 'false', 'no'].includes(v)) return false;
    problems.push(`${name}: "${v}" must be true or false`);
    return fallback;
  };

  const nodeEnv = oneOf('NODE_ENV', ['development', 'test', 'production'] as const, 'development');
  const databaseUrl = url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const redisUrl = url('REDIS_URL', ['redis:', 'rediss:']);
  if (!databaseUrl && !problems.some((p) => p.startsWith('DATABASE_URL'))) {
    problems.push('DATABASE_URL: required (e.g. postgres://user:pass@localhost:5432/pes)');
  }
  if (!redisUrl && !problems.some((p) => p.startsWith('REDIS_URL'))) {
    problems.push('REDIS_URL: required (e.g. redis://localhost:6379)');
  }
  const meiliUrl = url('MEILI_URL', ['http:', 'https:']);
  const hashKey = env.PES_HASH_KEY || DEV_HASH_KEY;
  if (nodeEnv === 'production' && hashKey === DEV_HASH_KEY) {
    problems.push('PES_HASH_KEY: required in production (a long random secret)');
  } else if (hashKey.length < 16) {
    problems.push('PES_HASH_KEY: must be at least 16 characters');
  }
  const port = int('PORT', 3000, 0, 65535);

  const config: Config = {
    nodeEnv,
    host: env.HOST || '0.0.0.0',
    port,
    databaseUrl: databaseUrl ?? '',
    redisUrl: redisUrl ?? '',
    meiliUrl,
    meiliMasterKey: env.MEILI_MASTER_KEY || undefined,
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, nodeEnv === 'test' ? 'silent' : 'info'),
    queuePrefix: env.PES_QUEUE_PREFIX || 'pes',
    hashKey,
    publicBaseUrl: url('PES_PUBLIC_BASE_URL', ['http:', 'https:'], `http://localhost:${port}`)!,
    bodyLimit: int('PES_BODY_LIMIT', 20 * 1024 * 1024, 1024, 200 * 1024 * 1024),
    outboxPollMs: int('PES_OUTBOX_POLL_MS', 500, 10, 60_000),
    migrateOnStart: bool('PES_MIGRATE_ON_START', true),
    searchResultCache: bool('PES_SEARCH_RESULT_CACHE', true),
    searchMemoryIndex: bool('PES_SEARCH_MEMORY_INDEX', true),
    searchDocCacheMb: int('PES_SEARCH_DOC_CACHE_MB', 16, 0, 1024),
    // Several kiosks in one job centre share an IP, and search-as-you-type sends a request per key.
    publicRateLimit: int('PES_PUBLIC_RATE_LIMIT', 600, 1, 10_000_000),
    // The local monthly minimum wage (CNY) for the screening check; cities set their own every 2–3 years.
    minimumMonthlyWage: env.PES_MINIMUM_MONTHLY_WAGE ? int('PES_MINIMUM_MONTHLY_WAGE', 0, 500, 100_000) : undefined,
    bounds: {
      ...DEFAULT_BOUNDS,
      vacancyMaxExpiryDays: int('PES_BOUNDS_VACANCY_MAX_EXPIRY_DAYS', DEFAULT_BOUNDS.vacancyMaxExpiryDays, 1, 3660),
      seekerMaxAge: int('PES_BOUNDS_SEEKER_MAX_AGE', DEFAULT_BOUNDS.seekerMaxAge, 30, 130),
      wageMonthlyMin: int('PES_BOUNDS_WAGE_MONTHLY_MIN', DEFAULT_BOUNDS.wageMonthlyMin, 0, 100_000),
      wageMonthlyMax: int('PES_BOUNDS_WAGE_MONTHLY_MAX', DEFAULT_BOUNDS.wageMonthlyMax, 1000, 100_000_000),
      fairMaxDaysAhead: int('PES_BOUNDS_FAIR_MAX_DAYS_AHEAD', DEFAULT_BOUNDS.fairMaxDaysAhead, 1, 3660),
    },
    metricsToken: env.PES_METRICS_TOKEN || undefined,
    workerMetricsPort: int('PES_WORKER_METRICS_PORT', 9464, 0, 65535),
    // A partner replays the feed in pages of up to 1,000; 60 pages a minute is 60,000 changes.
    feedRateLimit: int('PES_FEED_RATE_LIMIT', 60, 1, 1_000_000),
    trustProxy: trustProxyOf(env.PES_TRUST_PROXY, problems),
    accounts: {
      passwordMinLength: int('PES_PASSWORD_MIN_LENGTH', 8, 8, 128),
      passwordMinClasses: int('PES_PASSWORD_MIN_CLASSES', 3, 1, 4),
      maxFailures: int('PES_LOGIN_MAX_FAILURES', 5, 1, 100),
      lockMinutes: int('PES_LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
      passwordMaxAgeDays: int('PES_PASSWORD_MAX_AGE_DAYS', 90, 0, 3650),
      idleMinutesStaff: int('PES_SESSION_IDLE_MINUTES_STAFF', 15, 1, 24 * 60),
      idleMinutesOther: int('PES_SESSION_IDLE_MINUTES_OTHER', 60, 1, 24 * 60),
      absoluteHours: int('PES_SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30),
      cookieSecure: bool('PES_COOKIE_SECURE', true),
      linkHours: int('PES_LINK_HOURS', 72, 1, 24 * 30),
      failuresPerIp: int('PES_AUTH_FAILURES_PER_IP', 30, 1, 1_000_000),
    },
    // Six months is the legal floor; a shorter value is refused rather than silently raised.
    smtpUrl: url('PES_SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: env.PES_MAIL_FROM || 'PES <no-reply@localhost>',
    // Audit logs: at least six months (Cybersecurity Law art. 21); 36 months covers PIPL art. 56's three years.
    retention: { seekerInactiveMonths: int('PES_RETENTION_SEEKER_MONTHS', 24, 1, 600), auditMonths: int('PES_RETENTION_AUDIT_MONTHS', 36, 6, 600) },
    welfareOpenAfterDays: int('PES_WELFARE_OPEN_AFTER_DAYS', 30, 0, 3650),
    fairnessMinGroup: int('PES_FAIRNESS_MIN_GROUP', 30, 1, 1_000_000),
  };
  if (config.metricsToken !== undefined && config.metricsToken.length < 16) {
    problems.push('PES_METRICS_TOKEN: must be at least 16 characters');
  }
  // QR codes and JSON-LD carry this URL onto phones: a production default of localhost would print dead links.
  if (nodeEnv === 'production' && !env.PES_PUBLIC_BASE_URL) {
    problems.push('PES_PUBLIC_BASE_URL: required in production (the address phones open from QR codes, e.g. https://jobs.example.gov.cn)');
  }
  if (meiliUrl && !config.meiliMasterKey && nodeEnv === 'production') {
    problems.push('MEILI_MASTER_KEY: required in production when MEILI_URL is set');
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}

function trustProxyOf(v: string | undefined, problems: string[]): boolean | string {
  if (v === undefined || v === '' || ['0', 'false', 'no'].includes(v)) return false;
  if (['true', 'yes'].includes(v)) return true;
  if (/^[0-9a-fA-F.:/]+(,\s*[0-9a-fA-F.:/]+)*$/.test(v)) return v;
  problems.push(`PES_TRUST_PROXY: "${v}" must be true, false or comma-separated proxy addresses/CIDRs`);
  return false;
}

function redact(v: string): string {
  return v.replace(/\/\/([^@/]*)@/, '//***@');
}
