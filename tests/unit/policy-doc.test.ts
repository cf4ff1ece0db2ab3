import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { POLICY } from '../../src/lib/policy.js';

const doc = readFileSync(new URL('../../docs/security.md', import.meta.url), 'utf8');

describe('docs/security.md', () => {
  it('lists every action of the access policy with the roles the code allows', () => {
    for (const [action, rule] of Object.entries(POLICY)) {
      const line = doc.split('\n').find((l) => l.startsWith(`| \`${action}\` |`));
      expect(line, `${action} is missing from the policy table`).toBeTruthy();
      const cells = line!.split('|').map((c) => c.trim());
      const roles = ['admin', 'staff', 'organiser', 'employer'].filter((_, i) => cells[2 + i] === '✓');
      expect(roles, action).toEqual(['admin', 'staff', 'organiser', 'employer'].filter((r) => (rule.roles as readonly string[]).includes(r)));
    }
  });
});
