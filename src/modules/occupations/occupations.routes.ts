import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses, Nullable, offsetOf, Page, PageQuery } from '../../lib/http.js';
import { lit } from '../../lib/http.js';
import type { OccupationRow } from './occupations.repository.js';
import * as service from './occupations.service.js';

const System = lit(['isco', 'esco', 'cn2022'] as const);
const Occupation = Type.Object({
  system: System,
  code: Type.String(),
  labelEn: Nullable(Type.String()),
  labelZh: Nullable(Type.String()),
  level: Type.Integer(),
  parentCode: Nullable(Type.String()),
  iscoUnit: Nullable(Type.String()),
});
const dto = (r: OccupationRow) => r;

const Candidate = Type.Object({
  system: lit(['isco', 'cn2022'] as const),
  code: Type.String(),
  label: Type.String(),
  labelEn: Type.Optional(Type.String()),
  occupationLabel: Type.Optional(Type.String()),
  occupationId: Type.Optional(Type.String()),
  confidence: Type.Number(),
  matched: Type.Optional(Type.String()),
});

const Bilingual = Type.Object({ zh: Type.String(), en: Type.String() });
/** The one coding step's answer (codeVacancy): both codes, or an abstention with its reason. */
const Coding = Type.Object({
  status: lit(['coded', 'given', 'abstained'] as const),
  cn2022: Nullable(Type.Object({ code: Type.String(), name: Type.String(), level: Type.Integer() })),
  isco: Nullable(Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() })),
  confidence: Type.Number(),
  matched: Type.Optional(Type.String()),
  reason: Type.Optional(Bilingual),
});

/**
 * Occupation taxonomies (ISCO-08, ESCO, 职业分类大典 2022). Reads are public reference data (the
 * kiosk builds its category tiles from them); coding a title needs a key (any role) because it
 * costs CPU.
 */
const occupationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps.database;
  const tags = ['occupations'];

  app.get(
    '/occupations',
    {
      schema: {
        tags,
        summary: 'Search occupations by code prefix (digits) or label (zh/en), optionally within one system',
        querystring: Type.Object(
          {
            page: PageQuery.page,
            pageSize: PageQuery.pageSize,
            q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            system: Type.Optional(System),
            level: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
            parentCode: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(Occupation), ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      const { rows, total } = await service.searchOccupations(db, { ...q, limit: q.pageSize, offset: offsetOf(q) });
      return { items: rows.map(dto), page: q.page, pageSize: q.pageSize, total };
    },
  );

  app.get(
    '/occupations/:system/:code',
    {
      schema: {
        tags,
        summary: 'One occupation with its parent chain (nearest first) and children',
        params: Type.Object({ system: System, code: Type.String({ minLength: 1, maxLength: 20 }) }),
        response: {
          200: Type.Object({ occupation: Occupation, parents: Type.Array(Occupation), children: Type.Array(Occupation) }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const r = await service.getOccupation(db, req.params.system, req.params.code);
      return { occupation: dto(r.occupation), parents: r.parents.map(dto), children: r.children.map(dto) };
    },
  );

  app.post(
    '/occupations/code-title',
    {
      preHandler: app.authorize(['admin', 'staff', 'organiser', 'employer']),
      schema: {
        tags,
        summary: 'Code a free-text job title: the one coding step vacancies use (2022 code + ISCO-08 unit group, or abstained: choose), then candidates',
        security: [{ apiKey: [] }],
        body: Type.Object(
          { title: Type.String({ minLength: 1, maxLength: 200 }), k: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 5 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ title: Type.String(), coding: Coding, candidates: Type.Array(Candidate) }), ...errorResponses },
      },
    },
    async (req) => {
      const { coding, candidates } = service.codeTitleCandidates(req.body.title, req.body.k ?? 5);
      return {
        title: req.body.title,
        coding: { status: coding.status, cn2022: coding.cn2022, isco: coding.isco, confidence: coding.confidence, matched: coding.matched, reason: coding.reason },
        candidates,
      };
    },
  );
};

export default occupationsRoutes;
