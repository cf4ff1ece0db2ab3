import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * Issue 22: the outbox is the only way to start a job, and src/jobs/enqueue.ts is the only writer of the
 * outbox (payloads checked against the contract). No other code inserts into it, by SQL or by drizzle.
 */
const files = execFileSync('git', ['ls-files', 'src', 'workers', 'scripts', 'seeds'], { encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.startsWith('src/jobs/'));

describe('one way into the outbox', () => {
  it('no file outside src/jobs writes outbox rows', () => {
    const offenders = files.filter((f) => {
      const text = readFileSync(f, 'utf8');
      return /insert\s+into\s+outbox\b/i.test(text) || /\.insert\(\s*outbox\s*\)/.test(text) || (f !== 'src/db/schema.ts' && /jobs\/outbox\.table\.js/.test(text));
    });
    expect(offenders).toEqual([]);
  });

  it('no module handler decides "never retry" on its own: only src/jobs/handler.ts uses UnrecoverableError', () => {
    const offenders = files.filter((f) => f.startsWith('src/') && /UnrecoverableError/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
