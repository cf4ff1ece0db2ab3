import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { createDatabase } from '../db/client.js';
import { createAccount } from '../modules/accounts/index.js';
import { createLogNotifier } from '../lib/notifier.js';
import { createLogger } from '../lib/logger.js';
import { runCli } from './run-cli.js';

// Usage: npm run create-admin -- --username admin --name "王管理员"
// Creates the first administrator of a deployment with a one-time password (printed once). At the
// first sign-in the person chooses a new password and sets up an authenticator app (required for admins).
await runCli(async () => {
  const { values } = parseArgs({
    options: { username: { type: 'string', default: 'admin' }, name: { type: 'string', default: '系统管理员 Administrator' }, email: { type: 'string' } },
  });
  const config = loadConfig();
  const database = createDatabase(config.databaseUrl, { max: 1, appName: 'pes-cli' });
  try {
    const notifier = createLogNotifier(createLogger(config, 'cli'));
    const { account, oneTimePassword } = await createAccount(database.db, config, notifier, { name: 'create-admin (command line)', role: 'system' }, {
      username: values.username!,
      displayName: values.name!,
      email: null,
      roles: ['admin'],
    });
    console.log(`admin account "${account.username}" created / 已创建管理员账户`);
    console.log(`one-time password (shown once; change it at first sign-in) / 一次性密码（仅显示一次，首次登录须修改）:\n${oneTimePassword}`);
    console.log('At first sign-in an authenticator app is set up (QR code). / 首次登录时须设置身份验证器（扫描二维码）。');
  } finally {
    await database.close();
  }
});
