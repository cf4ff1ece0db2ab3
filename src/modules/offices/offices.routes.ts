import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses, IdParams, Nullable, offsetOf, Page, PageQuery, Uuid } from '../../lib/http.js';
import type { DistrictRow, OfficeRow } from './offices.repository.js';
import * as service from './offices.service.js';

const LEVELS = ['city', 'district', 'street', 'community'] as const;
const Level = Type.Union(LEVELS.map((l) => Type.Literal(l)));
const DistrictCode = Type.String({ pattern: '^[0-9]{2,12}$', description: 'GB/T 2260 code (and longer street codes)' });

const Office = Type.Object({
  id: Uuid,
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  level: Level,
  parentId: Nullable(Uuid),
  path: Type.String(),
  districtCode: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  // Picker fields (issue 19): the names to show, the parent, and the chain of names from the city down.
  zh: Type.String(),
  en: Type.String(),
  parent: Nullable(Uuid),
  pathNames: Type.Object({ zh: Type.Array(Type.String()), en: Type.Array(Type.String()) }),
});

const District = Type.Object({
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  parentCode: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  lon: Nullable(Type.Number()),
  zh: Type.String(),
  en: Type.String(),
  parent: Nullable(Type.String()),
});

const officeDto = (r: OfficeRow, pathNames?: { zh: string[]; en: string[] }) => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
  zh: r.nameZh,
  en: r.nameEn,
  parent: r.parentId,
  pathNames: pathNames ?? { zh: [r.nameZh], en: [r.nameEn] },
});
const districtDto = (r: DistrictRow) => ({ ...r, zh: r.nameZh, en: r.nameEn, parent: r.parentCode });

const ALL_ROLES = ['admin', 'staff', 'organiser', 'employer'] as const;

/** Offices and districts: every key reads the whole city ("one login, city-wide query"); admins write. */
const officesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps.database;
  const readers = app.authorize([...ALL_ROLES]);
  const admins = app.authorize(['admin']);
  const security = [{ apiKey: [] }];

  app.get(
    '/offices',
    {
      preHandler: readers,
      schema: {
        tags: ['offices'],
        summary: 'List PES offices (city-wide), ordered by their place in the tree',
        security,
        querystring: Type.Object(
          {
            ...PageQuery,
            level: Type.Optional(Level),
            parentId: Type.Optional(Uuid),
            districtCode: Type.Optional(DistrictCode),
            q: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'part of the Chinese or English name, or the start of the code (pickers)' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(Office), ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      const { rows, total } = await service.listOffices(db, { ...q, limit: q.pageSize, offset: offsetOf(q) });
      const names = await service.officePathNames(db, rows);
      return { items: rows.map((r) => officeDto(r, names.get(r.id))), page: q.page, pageSize: q.pageSize, total };
    },
  );

  app.get(
    '/offices/:id',
    { preHandler: readers, schema: { tags: ['offices'], summary: 'Read one office', security, params: IdParams, response: { 200: Office, ...errorResponses } } },
    async (req) => {
      const row = await service.getOffice(db, req.params.id);
      return officeDto(row, (await service.officePathNames(db, [row])).get(row.id));
    },
  );

  app.post(
    '/offices',
    {
      preHandler: admins,
      schema: {
        tags: ['offices'],
        summary: 'Create an office under a parent (admin)',
        security,
        body: Type.Object(
          {
            code: Type.String({ pattern: '^[0-9A-Za-z-]{2,20}$' }),
            nameZh: Type.String({ minLength: 1, maxLength: 100 }),
            nameEn: Type.String({ minLength: 1, maxLength: 200 }),
            level: Level,
            parentId: Type.Optional(Nullable(Uuid)),
            districtCode: Type.Optional(Nullable(DistrictCode)),
          },
          { additionalProperties: false },
        ),
        response: { 201: Office, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(officeDto(await service.createOffice(db, req.body))),
  );

  app.patch(
    '/offices/:id',
    {
      preHandler: admins,
      schema: {
        tags: ['offices'],
        summary: 'Rename an office or change its district (admin); offices are not moved',
        security,
        params: IdParams,
        body: Type.Object(
          {
            nameZh: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            nameEn: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            districtCode: Type.Optional(Nullable(DistrictCode)),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Office, ...errorResponses },
      },
    },
    async (req) => officeDto(await service.updateOffice(db, req.params.id, req.body)),
  );

  const CodeParams = Type.Object({ code: DistrictCode });

  app.get(
    '/districts',
    {
      preHandler: readers,
      schema: {
        tags: ['offices'],
        summary: 'List administrative divisions',
        security,
        querystring: Type.Object(
          { ...PageQuery, parentCode: Type.Optional(DistrictCode), q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })) },
          { additionalProperties: false },
        ),
        response: { 200: Page(District), ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      const { rows, total } = await service.listDistricts(db, { ...q, limit: q.pageSize, offset: offsetOf(q) });
      return { items: rows.map(districtDto), page: q.page, pageSize: q.pageSize, total };
    },
  );

  app.get(
    '/districts/:code',
    { preHandler: readers, schema: { tags: ['offices'], summary: 'Read one district', security, params: CodeParams, response: { 200: District, ...errorResponses } } },
    async (req) => districtDto(await service.getDistrict(db, req.params.code)),
  );

  const DistrictBody = {
    nameZh: Type.String({ minLength: 1, maxLength: 100 }),
    nameEn: Type.String({ minLength: 1, maxLength: 200 }),
    parentCode: Type.Optional(Nullable(DistrictCode)),
    lat: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
    lon: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
  };

  app.post(
    '/districts',
    {
      preHandler: admins,
      schema: {
        tags: ['offices'],
        summary: 'Create a district (admin)',
        security,
        body: Type.Object({ code: DistrictCode, ...DistrictBody }, { additionalProperties: false }),
        response: { 201: District, ...errorResponses },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const row = await service.createDistrict(db, {
        code: b.code,
        nameZh: b.nameZh,
        nameEn: b.nameEn,
        parentCode: b.parentCode ?? null,
        lat: b.lat ?? null,
        lon: b.lon ?? null,
      });
      return reply.status(201).send(districtDto(row));
    },
  );

  app.patch(
    '/districts/:code',
    {
      preHandler: admins,
      schema: {
        tags: ['offices'],
        summary: 'Update a district (admin)',
        security,
        params: CodeParams,
        body: Type.Partial(Type.Object(DistrictBody), { additionalProperties: false, minProperties: 1 }),
        response: { 200: District, ...errorResponses },
      },
    },
    async (req) => districtDto(await service.updateDistrict(db, req.params.code, req.body)),
  );
};

export default officesRoutes;
