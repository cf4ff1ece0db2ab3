import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { createDatabase } from '../db/client.js';
import { createImport, runImport, type ImportProgress } from '../modules/imports/index.js';
import { runCli } from './run-cli.js';

const USAGE = `Usage: npx tsx src/cli/import-vacancies.ts --fair <fair id> --file <vacancies.csv|.json>
         [--allow-create-employers] [--draft] [--encoding utf-8|gb18030]

Imports a vacancy file for a fair exactly as POST /fairs/:fairId/imports does, but runs the
import here and now (no Redis or worker needed). Needs DATABASE_URL. Exit code: 0 all rows
imported, 2 finished with row errors, 1 the file was rejected.`;

// Runs the import service directly; a progress bar goes to stderr, the summary to stdout.
await runCli(async () => {
  const { values } = parseArgs({
    options: {
      fair: { type: 'string' },
      file: { type: 'string' },
      'allow-create-employers': { type: 'boolean', default: false },
      draft: { type: 'boolean', default: false },
      encoding: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || !values.fair || !values.file) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 1);
  }
  // The worker's Redis is not used here; the config still wants a URL, so give a placeholder when none is set.
  const config = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', ...process.env });
  const content = readFileSync(values.file);
  const database = createDatabase(config.databaseUrl, { max: 3, appName: 'pes-cli-import' });
  try {
    const ext = extname(values.file).toLowerCase();
    const operator = { keyId: '', name: 'cli', role: 'admin' as const, employerId: null, officeId: null, roles: ['admin' as const], personId: null, kind: 'key' as const };
    const { importId } = await createImport(
      database.db,
      operator,
      {
        fairId: values.fair,
        content,
        filename: basename(values.file),
        format: ext === '.json' ? 'json' : ext === '.csv' ? 'csv' : null,
        encoding: values.encoding ?? null,
        allowCreateEmployers: values['allow-create-employers']!,
        publish: !values.draft,
      },
      { enqueueJob: false },
    );
    console.error(`import ${importId}: ${basename(values.file)} (${(content.length / 1024).toFixed(0)} KiB)`);
    const bar = progressBar();
    // The same configuration the API and the worker use (bounds, the local minimum wage).
    const view = await runImport(database.db, importId, { onProgress: bar.update, bounds: config.bounds, minimumMonthlyWage: config.minimumMonthlyWage });
    bar.done();

    if (view.status === 'failed') {
      console.log(`FAILED / 导入失败: ${view.fatalError?.en}\n${view.fatalError?.zh}`);
      process.exitCode = 1;
      return;
    }
    console.log(
      [
        `import ${view.id}: ${view.status}`,
        `rows ${view.totalRows}: inserted ${view.inserted}, updated ${view.updated}, unchanged ${view.unchanged}, failed ${view.failed}`,
        `行数 ${view.totalRows}：新增 ${view.inserted}，更新 ${view.updated}，未变 ${view.unchanged}，失败 ${view.failed}`,
      ].join('\n'),
    );
    if (view.errors.length) {
      const shown = view.errors.slice(0, 20);
      console.log(`\nfirst errors / 前 ${shown.length} 条错误 (row, column, message):`);
      for (const e of shown) console.log(`  row ${e.row}  ${e.column ?? e.field}  ${e.message}`);
      if (view.errors.length > shown.length) console.log(`  … ${view.failed} rows failed in all; GET /imports/${view.id}/errors.csv has the full table`);
      process.exitCode = 2;
    }
  } finally {
    await database.close();
  }
});

/** "[██████░░░░] 6,000/10,000  60%  2,310 rows/s" redrawn in place on a terminal, one line per batch otherwise. */
function progressBar() {
  const started = Date.now();
  const tty = process.stderr.isTTY;
  let last = '';
  return {
    update(p: ImportProgress) {
      const width = 30;
      const frac = p.totalRows ? p.processedRows / p.totalRows : 1;
      const filled = Math.round(frac * width);
      const secs = (Date.now() - started) / 1000;
      const rate = secs > 0 ? Math.round(p.processedRows / secs) : 0;
      last = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${p.processedRows.toLocaleString('en')}/${p.totalRows.toLocaleString('en')} ${String(Math.round(frac * 100)).padStart(3)}%  ${rate.toLocaleString('en')} rows/s  failed ${p.failed}`;
      process.stderr.write(tty ? `\r${last}` : `${last}\n`);
    },
    done() {
      if (tty && last) process.stderr.write('\n');
      console.error(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    },
  };
}
