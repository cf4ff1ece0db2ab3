import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const base = { DATABASE_URL: 'postgres://pes@localhost:5432/pes', REDIS_URL: 'redis://localhost:6379' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('config', () => {
  it('when the required URLs are present, applies sensible defaults', () => {
    const c = loadConfig(base);
    expect(c.port).toBe(3000);
    expect(c.meiliUrl).toBeUndefined();
    expect(c.queuePrefix).toBe('pes');
    expect(c.migrateOnStart).toBe(true);
  });

  it('reads the local minimum wage for screening, and rejects a nonsense value', () => {
    expect(loadConfig(base).minimumMonthlyWage).toBeUndefined();
    expect(loadConfig({ ...base, PES_MINIMUM_MONTHLY_WAGE: '2520' }).minimumMonthlyWage).toBe(2520);
    expect(problemsOf({ ...base, PES_MINIMUM_MONTHLY_WAGE: '25' })[0]).toMatch(/^PES_MINIMUM_MONTHLY_WAGE:/);
  });

  it('when DATABASE_URL is missing, names it', () => {
    expect(problemsOf({ REDIS_URL: base.REDIS_URL })).toEqual([expect.stringMatching(/^DATABASE_URL: required/)]);
  });

  it('when a URL has the wrong protocol, names the variable and the protocol', () => {
    expect(problemsOf({ ...base, REDIS_URL: 'http://localhost:6379' })[0]).toMatch(/^REDIS_URL: protocol "http:"/);
  });

  it('when PORT is not a number, names PORT', () => {
    expect(problemsOf({ ...base, PORT: 'eighty' })[0]).toMatch(/^PORT: "eighty" must be a whole number/);
  });

  it('when LOG_LEVEL is unknown, lists the allowed levels', () => {
    expect(problemsOf({ ...base, LOG_LEVEL: 'verbose' })[0]).toMatch(/^LOG_LEVEL: "verbose" is not one of fatal, error/);
  });

  it('when an unknown PES_ variable is set (a typo), stops with its name', () => {
    expect(problemsOf({ ...base, PES_QUEUE_PREFX: 'x' })[0]).toMatch(/^PES_QUEUE_PREFX: unknown variable/);
  });

  it('in production, requires a real hash key', () => {
    expect(problemsOf({ ...base, NODE_ENV: 'production' })).toContainEqual(expect.stringMatching(/^PES_HASH_KEY: required in production/));
  });

  it('in production, refuses to start without the public base URL (QR codes would point at localhost)', () => {
    const problems = problemsOf({ ...base, NODE_ENV: 'production', PES_HASH_KEY: 'a-long-production-secret-123' });
    expect(problems).toContainEqual(expect.stringMatching(/^PES_PUBLIC_BASE_URL: required in production/));
    expect(problemsOf({ ...base, NODE_ENV: 'production', PES_HASH_KEY: 'a-long-production-secret-123', PES_PUBLIC_BASE_URL: 'https://jobs.example.gov.cn' })).toEqual([]);
  });

  it('reports every problem at once, not only the first', () => {
    expect(problemsOf({ PORT: '-1', LOG_LEVEL: 'loud' })).toHaveLength(4);
  });

  it('does not print the password of a malformed database URL', () => {
    const msg = problemsOf({ ...base, DATABASE_URL: 'postgres://user:s3cret@ho st/db' }).join();
    expect(msg).toContain('DATABASE_URL');
    expect(msg).not.toContain('s3cret');
  });
});
