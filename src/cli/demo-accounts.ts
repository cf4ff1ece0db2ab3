import { eq, inArray } from 'drizzle-orm';
import { loadConfig } from '../config.js';
import { createDatabase } from '../db/client.js';
import { accounts, sessions } from '../modules/accounts/accounts.table.js';
import { createAccount } from '../modules/accounts/index.js';
import { hashPassword, oneTimePassword } from '../modules/accounts/index.js';
import { employers } from '../modules/employers/employers.table.js';
import { offices } from '../modules/offices/offices.table.js';
import { createLogNotifier } from '../lib/notifier.js';
import { createLogger } from '../lib/logger.js';
import type { Role } from '../modules/auth/index.js';
import { runCli } from './run-cli.js';

// `npm run dev` only: one demo person per role, each with a fresh one-time password printed on
// every start. The second factor is switched off for these accounts (second_factor_exempt), which
// the API ignores when NODE_ENV=production; this command refuses to run there at all.
await runCli(async () => {
  const config = loadConfig();
  if (config.nodeEnv === 'production') throw new Error('demo accounts are for development only (NODE_ENV=production)');
  const database = createDatabase(config.databaseUrl, { max: 1, appName: 'pes-cli' });
  const db = database.db;
  try {
    const [tianhe] = await db.select().from(offices).where(eq(offices.code, '440106'));
    const [office] = tianhe ? [tianhe] : await db.select().from(offices).limit(1);
    if (!office) throw new Error('no office: load the reference data first (npm run seed)');
    const [employer] = await db.select().from(employers).where(eq(employers.verified, true)).limit(1);
    const demo: { username: string; displayName: string; roles: Role[]; officeId?: string; employerId?: string }[] = [
      { username: 'demo-admin', displayName: '演示管理员 Demo admin', roles: ['admin'] },
      { username: 'demo-staff', displayName: '演示经办人员 Demo staff', roles: ['staff'], officeId: office.id },
      { username: 'demo-organiser', displayName: '演示招聘会组织方 Demo organiser', roles: ['organiser'], officeId: office.id },
      ...(employer ? [{ username: 'demo-recruiter', displayName: '演示招聘人员 Demo recruiter', roles: ['employer'] as Role[], employerId: employer.id }] : []),
    ];
    const notifier = createLogNotifier(createLogger(config, 'cli'));
    const lines: string[] = [];
    for (const d of demo) {
      const otp = oneTimePassword();
      const [existing] = await db.select().from(accounts).where(eq(accounts.username, d.username));
      if (existing) {
        await db
          .update(accounts)
          .set({ passwordHash: await hashPassword(otp), passwordChangedAt: new Date(), mustChangePassword: true, failedAttempts: 0, lockedUntil: null, secondFactorExempt: true, disabledAt: null })
          .where(eq(accounts.id, existing.id));
        await db.update(sessions).set({ endedAt: new Date(), endReason: 'demo_reset' }).where(eq(sessions.accountId, existing.id));
      } else {
        await createAccount(db, config, notifier, { name: 'npm run dev (demo accounts)', role: 'system' }, { ...d, password: otp, secondFactorExempt: true });
        await db.update(accounts).set({ mustChangePassword: true }).where(inArray(accounts.username, [d.username]));
      }
      lines.push(`    ${d.roles[0]!.padEnd(10)} ${d.username.padEnd(16)} ${otp}`);
    }
    console.log(lines.join('\n'));
  } finally {
    await database.close();
  }
});
