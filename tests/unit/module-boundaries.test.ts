import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * Issue 22: the lint gate (eslint.config.js, rule eslint/module-boundaries.js) refuses an import of another
 * module's internals and accepts its index.ts. Linted as if the text were in the named file, with the
 * repository's own configuration.
 */
const eslint = new ESLint({ cwd: process.cwd() });
const lint = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'pes/module-boundaries').map((m) => m.message);
};

describe('module boundaries', () => {
  it("refuses another module's table, repository and service, naming the module's index.ts", async () => {
    const code = [
      "import { seekers } from '../seekers/seekers.table.js';",
      "import { findEmployer } from '../employers/employers.repository.js';",
      "import { createReferral } from '../referrals/referrals.service.js';",
      'export const x = [seekers, findEmployer, createReferral];',
    ].join('\n');
    const messages = await lint('src/modules/matching/new-file.ts', code);
    expect(messages).toHaveLength(3);
    expect(messages[0]).toContain("'../seekers/seekers.table.js' is internal to module 'seekers'");
    expect(messages[0]).toContain('src/modules/seekers/index.ts');
  });

  it("accepts the other module's index.ts and the module's own files", async () => {
    const code = "import { findSeeker } from '../seekers/index.js';\nimport { rematchAll } from './matching.service.js';\nexport const x = [findSeeker, rematchAll];";
    expect(await lint('src/modules/matching/new-file.ts', code)).toEqual([]);
  });

  it('applies outside src/modules too (lib, workers, scripts), resolving the path first', async () => {
    expect(await lint('src/lib/new-file.ts', "export { vacancies } from '../modules/vacancies/vacancies.table.js';")).toHaveLength(1);
    expect(await lint('workers/new-file.ts', "export { rematchAll } from '../src/modules/matching/matching.service.js';")).toHaveLength(1);
    expect(await lint('workers/new-file.ts', "export { rematchAll } from '../src/modules/matching/index.js';")).toEqual([]);
  });

  it('keeps the documented exceptions: foreign keys between table files, and tests', async () => {
    expect(await lint('src/modules/referrals/new.table.ts', "export { seekers } from '../seekers/seekers.table.js';")).toEqual([]);
    expect(await lint('tests/integration/new.test.ts', "export { seekers } from '../../src/modules/seekers/seekers.table.js';")).toEqual([]);
  });
});
