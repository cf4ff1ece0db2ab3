import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { verifyAuditChain } from '../modules/audit/index.js';
import { runCli } from './run-cli.js';

// Usage: npm run audit -- verify [--json]
// Exit 0 when the chain is intact; 1 with the first problems (changed, removed or reordered rows).
await runCli(async () => {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  if (positionals[0] !== 'verify') throw new Error('usage: npm run audit -- verify [--json]');
  const config = loadConfig();
  const started = Date.now();
  const r = await verifyAuditChain(config.databaseUrl);
  const ms = Date.now() - started;
  if (values.json) {
    console.log(JSON.stringify({ ...r, ms }));
  } else {
    const from = r.checkpoint ? ` (continues retention checkpoint seq ${r.checkpoint.seq})` : '';
    console.log(`audit chain: ${r.rows} rows, seq ${r.firstSeq ?? '-'}..${r.lastSeq ?? '-'}${from}, head ${r.headHash?.slice(0, 16) ?? '-'}…, ${ms} ms`);
    if (r.ok) console.log('OK: every row matches its hash and follows the one before');
    for (const p of r.problems) console.log(`  FAIL seq ${p.seq} (id ${p.id}) ${p.problem}: ${p.detail}`);
  }
  if (!r.ok) process.exitCode = 1;
});
