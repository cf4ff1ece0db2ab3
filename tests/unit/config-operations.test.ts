import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const base = { DATABASE_URL: 'postgres://pes@localhost/pes', REDIS_URL: 'redis://localhost:6379' };

describe('operations settings (issue 23)', () => {
  it('defaults: no metrics token, worker metrics on 9464, feed limit 60/min, no trusted proxy', () => {
    expect(loadConfig(base)).toMatchObject({ metricsToken: undefined, workerMetricsPort: 9464, feedRateLimit: 60, trustProxy: false });
  });

  it('reads the metrics token, worker metrics port, feed limit and trusted proxies', () => {
    const c = loadConfig({ ...base, PES_METRICS_TOKEN: 'a-long-random-token-123', PES_WORKER_METRICS_PORT: '0', PES_FEED_RATE_LIMIT: '120', PES_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' });
    expect(c).toMatchObject({ metricsToken: 'a-long-random-token-123', workerMetricsPort: 0, feedRateLimit: 120, trustProxy: '10.0.0.0/8, 127.0.0.1' });
    expect(loadConfig({ ...base, PES_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
  });

  it('a short metrics token or a malformed proxy setting stops the start, naming the variable', () => {
    expect(() => loadConfig({ ...base, PES_METRICS_TOKEN: 'short' })).toThrow(/PES_METRICS_TOKEN/);
    expect(() => loadConfig({ ...base, PES_TRUST_PROXY: 'the proxy' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, PES_FEED_RATE_LIMIT: '0' })).toThrow(/PES_FEED_RATE_LIMIT/);
  });
});
