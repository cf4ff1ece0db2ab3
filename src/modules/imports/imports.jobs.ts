import { and, eq, inArray } from 'drizzle-orm';
import { isLastAttempt, PermanentJobError, type JobHandler } from '../../jobs/handler.js';
import { vacancyImports } from './imports.table.js';
import { runImport } from './imports.service.js';

/**
 * Worker handler for 'imports.vacancies'. Re-running a finished import changes nothing; a
 * run that dies (database gone) is retried by BullMQ and starts over. After the last attempt
 * the import is marked failed, so nobody waits on a "running" import forever.
 */
export const importJob: JobHandler<'imports.vacancies'> = async ({ database, config }, payload, attempt) => {
  const db = database.db;
  const [exists] = await db.select({ id: vacancyImports.id }).from(vacancyImports).where(eq(vacancyImports.id, payload.importId));
  if (!exists) throw new PermanentJobError(`import ${payload.importId} does not exist`);
  try {
    const v = await runImport(db, payload.importId, { bounds: config.bounds, minimumMonthlyWage: config.minimumMonthlyWage });
    return { status: 'done', importStatus: v.status, totalRows: v.totalRows, inserted: v.inserted, updated: v.updated, unchanged: v.unchanged, failed: v.failed };
  } catch (err) {
    if (isLastAttempt(attempt)) {
      await db
        .update(vacancyImports)
        .set({
          status: 'failed',
          finishedAt: new Date(),
          fatalError: JSON.stringify({
            en: 'The import stopped on a server error after several attempts; rows committed so far are kept. Upload the file again to finish it.',
            zh: '导入因服务器错误多次重试后中止，已保存的行保留。请重新上传文件以完成导入。',
          }),
        })
        .where(and(eq(vacancyImports.id, payload.importId), inArray(vacancyImports.status, ['queued', 'running'])))
        .catch(() => {});
    }
    throw err;
  }
};
