import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import { AppError } from '../../lib/errors.js';
import { errorResponses, IdParams, Nullable, Uuid } from '../../lib/http.js';
import { createImport, errorsCsv, getImport, templateCsv, templateJson, templateXlsx } from './imports.service.js';
import { XLSX_CONTENT_TYPE } from './import-xlsx.js';

/** Uploads may be larger than ordinary request bodies: 50,000 rows with descriptions. */
export const IMPORT_MIN_BODY_LIMIT = 64 * 1024 * 1024;

const Bilingual = Type.Object({ en: Type.String(), zh: Type.String() });
const RowErrorSchema = Type.Object({
  row: Type.Integer({ description: 'row number as seen in the file (CSV header = row 1; JSON first item = row 1)' }),
  field: Type.String(),
  column: Type.Optional(Type.String({ description: 'the column header as written in the file' })),
  message: Type.String(),
});
const ImportViewSchema = Type.Object({
  id: Uuid,
  fairId: Nullable(Uuid),
  officeId: Uuid,
  filename: Type.String(),
  format: Type.String(),
  allowCreateEmployers: Type.Boolean(),
  publish: Type.Boolean(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('completed'), Type.Literal('failed')]),
  totalRows: Nullable(Type.Integer()),
  processedRows: Type.Integer(),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  failed: Type.Integer(),
  errors: Type.Array(RowErrorSchema),
  errorsTruncated: Type.Boolean(),
  fatalError: Nullable(Bilingual),
  createdAt: Type.String(),
  startedAt: Nullable(Type.String()),
  finishedAt: Nullable(Type.String()),
});

const ROLES = ['organiser', 'staff', 'admin'] as const;
/** Marks the routes as needing a key in the OpenAPI document. */
const security = [{ apiKey: [] }];

function formatOf(contentType: string | undefined, filename: string | undefined): 'csv' | 'json' | 'xlsx' | null {
  const name = (filename ?? '').toLowerCase();
  if (name.endsWith('.xlsx')) return 'xlsx';
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.csv') || name.endsWith('.txt')) return 'csv';
  const ct = (contentType ?? '').toLowerCase();
  if (ct.includes('spreadsheetml')) return 'xlsx';
  if (ct.includes('json')) return 'json';
  if (ct.includes('csv')) return 'csv';
  return null;
}

const importsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const limit = Math.max(app.deps.config.bodyLimit, IMPORT_MIN_BODY_LIMIT);
  // Registered here only: multipart and the raw-body parsers apply to this plugin's routes.
  await app.register(multipart, { limits: { fileSize: limit, files: 1, fields: 20, parts: 25 } });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    ['application/json', 'text/csv', 'text/plain', 'application/csv', 'application/octet-stream', 'application/vnd.ms-excel', XLSX_CONTENT_TYPE],
    { parseAs: 'buffer', bodyLimit: limit },
    (_req, body, done) => done(null, body),
  );

  app.post(
    '/fairs/:fairId/imports',
    {
      preHandler: app.authorize([...ROLES]),
      bodyLimit: limit,
      schema: {
        tags: ['imports'],
        security,
        summary: 'Upload vacancies for a fair (Excel .xlsx, CSV or JSON; UTF-8 or GB18030) / 批量导入岗位',
        description:
          'multipart/form-data with a `file` field, or the raw file as text/csv, application/json or .xlsx (recognised by its bytes, whatever the content type). ' +
          'Returns 202; poll GET /imports/{id}. Chinese or English headers; see GET /imports/template.csv.',
        params: Type.Object({ fairId: Uuid }),
        querystring: Type.Object({
          allowCreateEmployers: Type.Boolean({ default: false, description: 'register unknown employers (by credit code) from the row' }),
          publish: Type.Boolean({ default: true, description: 'publish rows that pass screening (else draft)' }),
          encoding: Type.Optional(Type.String({ description: 'utf-8 or gb18030; detected when absent' })),
          filename: Type.Optional(Type.String({ maxLength: 255 })),
        }),
        response: { 202: Type.Object({ importId: Uuid, status: Type.String() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      let content: Buffer;
      let filename = req.query.filename ?? 'upload';
      let format: 'csv' | 'json' | 'xlsx' | null;
      if (req.isMultipart()) {
        const file = await req.file();
        if (!file || file.fieldname !== 'file') {
          throw new AppError(400, 'VALIDATION_FAILED', { en: 'body.file is required (multipart field "file")', zh: '请上传文件（表单字段 file）' }, [
            { field: 'body.file', message: 'is required' },
          ]);
        }
        try {
          content = await file.toBuffer();
        } catch (err) {
          if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new AppError(413, 'PAYLOAD_TOO_LARGE', { en: `The file is larger than ${limit >> 20} MiB`, zh: `文件超过 ${limit >> 20} MiB` });
          }
          throw err;
        }
        filename = file.filename || filename;
        format = formatOf(file.mimetype, file.filename);
      } else {
        content = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        format = formatOf(req.headers['content-type'], req.query.filename);
        if (filename === 'upload') filename = format === 'json' ? 'upload.json' : format === 'xlsx' || content.subarray(0, 2).toString('latin1') === 'PK' ? 'upload.xlsx' : 'upload.csv';
      }
      const result = await createImport(app.deps.database.db, req.principal!, {
        fairId: req.params.fairId,
        content,
        filename,
        format,
        encoding: req.query.encoding ?? null,
        allowCreateEmployers: req.query.allowCreateEmployers,
        publish: req.query.publish,
      });
      return reply.status(202).send(result);
    },
  );

  app.get(
    '/imports/template.csv',
    {
      preHandler: app.authorize([...ROLES]),
      schema: {
        tags: ['imports'],
        security,
        summary: 'Import template (CSV, UTF-8 with BOM) / 导入模板',
        querystring: Type.Object({ lang: Type.Union([Type.Literal('zh'), Type.Literal('en')], { default: 'zh' }) }),
      },
    },
    async (req, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="vacancy-import-template-${req.query.lang}.csv"`)
        .send(templateCsv(req.query.lang)),
  );

  app.get(
    '/imports/template.xlsx',
    {
      preHandler: app.authorize([...ROLES]),
      schema: {
        tags: ['imports'],
        security,
        summary: 'Import template (Excel .xlsx) / 导入模板（Excel）',
        querystring: Type.Object({ lang: Type.Union([Type.Literal('zh'), Type.Literal('en')], { default: 'zh' }) }),
      },
    },
    async (req, reply) =>
      reply
        .type(XLSX_CONTENT_TYPE)
        .header('content-disposition', `attachment; filename="vacancy-import-template-${req.query.lang}.xlsx"`)
        .send(await templateXlsx(req.query.lang)),
  );

  app.get(
    '/imports/template.json',
    { preHandler: app.authorize([...ROLES]), schema: { tags: ['imports'], security, summary: 'Import template (JSON) / 导入模板' } },
    async (_req, reply) =>
      reply.header('content-disposition', 'attachment; filename="vacancy-import-template.json"').send(templateJson()),
  );

  app.get(
    '/imports/:id',
    {
      preHandler: app.authorize([...ROLES]),
      schema: {
        tags: ['imports'],
        security,
        summary: 'Import status, progress and row errors / 导入进度与错误',
        params: IdParams,
        response: { 200: ImportViewSchema, ...errorResponses },
      },
    },
    async (req) => getImport(app.deps.database.db, req.params.id, req.principal!),
  );

  app.get(
    '/imports/:id/errors.csv',
    {
      preHandler: app.authorize([...ROLES]),
      schema: { tags: ['imports'], security, summary: 'Row errors as CSV (UTF-8 with BOM) / 错误明细', params: IdParams },
    },
    async (req, reply) => {
      const view = await getImport(app.deps.database.db, req.params.id, req.principal!);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="import-${view.id}-errors.csv"`)
        .send(errorsCsv(view));
    },
  );
};

export default importsRoutes;
