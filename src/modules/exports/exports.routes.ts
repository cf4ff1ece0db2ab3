import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../lib/http.js';
import { CONTENT_TYPES, type TabularFormat } from '../../lib/tabular.js';
import { EXPORT_LISTS, exportList, type ExportList } from './exports.service.js';

const FILE_PATTERN = `^(${EXPORT_LISTS.join('|')})\\.(xlsx|csv)$`;
const Uuid = Type.String({ format: 'uuid' });
const Day = Type.String({ format: 'date' });

/**
 * Lists as files (issue 19): GET /exports/vacancies.xlsx, /exports/seekers.csv, ... The filters
 * are the lists' own; an employer exports only its own vacancies; people are masked.
 */
const exportsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps.database;
  app.get(
    '/exports/:file',
    {
      preHandler: app.authorize(['admin', 'staff', 'organiser', 'employer']),
      schema: {
        tags: ['exports'],
        security: [{ apiKey: [] }],
        summary: 'Export a list as .xlsx or CSV (vacancies, seekers masked, referrals, placements, fair-results with fairId); formulas neutralised; audited',
        params: Type.Object({ file: Type.String({ pattern: FILE_PATTERN, description: `${EXPORT_LISTS.join(' | ')} . xlsx | csv, e.g. vacancies.xlsx` }) }),
        querystring: Type.Object(
          {
            status: Type.Optional(Type.String({ maxLength: 30 })),
            employerId: Type.Optional(Uuid),
            fairId: Type.Optional(Uuid),
            districtCode: Type.Optional(Type.String({ minLength: 2, maxLength: 12 })),
            officeId: Type.Optional(Uuid),
            publicWelfare: Type.Optional(Type.Boolean()),
            education: Type.Optional(Type.String({ maxLength: 30 })),
            priorityGroup: Type.Optional(Type.String({ maxLength: 40 })),
            seekerId: Type.Optional(Uuid),
            vacancyId: Type.Optional(Uuid),
            outcome: Type.Optional(Type.String({ maxLength: 20 })),
            from: Type.Optional(Day),
            to: Type.Optional(Day),
          },
          { additionalProperties: false },
        ),
        response: { ...errorResponses },
      },
    },
    async (req, reply) => {
      const [, list, format] = new RegExp(FILE_PATTERN).exec(req.params.file)! as unknown as [string, ExportList, TabularFormat];
      const out = await exportList(db, { principal: req.principal!, requestId: String(req.id) }, list, format, req.query);
      return reply
        .type(CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="${out.filename}"`)
        .header('x-export-rows', String(out.rows))
        .send(out.body);
    },
  );
};

export default exportsRoutes;
