import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses, IdParams, Nullable, offsetOf, Page, PageQuery, Uuid } from '../../lib/http.js';
import { lit } from '../../lib/http.js';
import type { EmployerRow } from './employers.repository.js';
import * as service from './employers.service.js';
import * as registration from './registration.service.js';
import { verificationStatusOf } from './registration.service.js';
import { crossSiteRefused, isCrossSite } from '../../plugins/auth.js';
import { INDUSTRY_SECTIONS } from './employers.table.js';

const SIZE_BANDS = ['micro', 'small', 'medium', 'large'] as const;
const SizeBand = lit(SIZE_BANDS);
const Industry = Type.String({ minLength: 1, maxLength: 1, description: `GB/T 4754-2017 section: ${INDUSTRY_SECTIONS.join('')}` });

/** Staff-facing shape: includes the contact person (personal data). There is no public employer endpoint. */
const Employer = Type.Object({
  id: Uuid,
  name: Type.String(),
  creditCode: Type.String(),
  industry: Type.String(),
  sizeBand: SizeBand,
  districtCode: Nullable(Type.String()),
  address: Nullable(Type.String()),
  contactName: Nullable(Type.String()),
  contactPhone: Nullable(Type.String()),
  verified: Type.Boolean(),
  verificationStatus: lit(['pending', 'verified', 'rejected'] as const),
  rejectionReason: Nullable(Type.String()),
  contactEmail: Nullable(Type.String()),
  selfRegistered: Type.Boolean(),
  officeId: Uuid,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const dto = (r: EmployerRow) => ({
  ...r,
  verificationStatus: verificationStatusOf(r),
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const EditableFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  creditCode: Type.String({ minLength: 1, maxLength: 30, description: '统一社会信用代码 (18 characters, GB 32100-2015 checksum)' }),
  industry: Industry,
  sizeBand: SizeBand,
  districtCode: Type.Optional(Nullable(Type.String({ minLength: 2, maxLength: 12 }))),
  address: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  contactName: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  contactPhone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
  verified: Type.Optional(Type.Boolean({ description: 'office staff and admins only (organisers: 403)' })),
  officeId: Type.Optional(Nullable(Uuid)),
};

const employersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.deps.database;
  const writers = app.authorize(['admin', 'staff', 'organiser']);
  const readers = app.authorize(['admin', 'staff', 'organiser', 'employer']);
  const security = [{ apiKey: [] }];

  app.get(
    '/employers',
    {
      preHandler: readers,
      schema: {
        tags: ['employers'],
        summary: 'List employers (city-wide for staff/organisers/admins; an employer key sees only itself)',
        security,
        querystring: Type.Object(
          {
            ...PageQuery,
            q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'part of the name' })),
            industry: Type.Optional(Industry),
            districtCode: Type.Optional(Type.String({ minLength: 2, maxLength: 12 })),
            officeId: Type.Optional(Uuid),
            sort: Type.Optional(lit(['name', 'createdAt'] as const)),
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(Employer), ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      const { rows, total } = await service.listEmployersFor(db, req.principal!, {
        ...q,
        sort: q.sort ?? 'createdAt',
        limit: q.pageSize,
        offset: offsetOf(q),
      });
      return { items: rows.map(dto), page: q.page, pageSize: q.pageSize, total };
    },
  );

  app.get(
    '/employers/:id',
    {
      preHandler: readers,
      schema: { tags: ['employers'], summary: 'Read one employer (an employer key: only its own)', security, params: IdParams, response: { 200: Employer, ...errorResponses } },
    },
    async (req) => dto(await service.getEmployerFor(db, req.principal!, req.params.id)),
  );

  app.post(
    '/employers',
    {
      preHandler: writers,
      schema: {
        tags: ['employers'],
        summary: 'Register an employer (for an office within the key’s scope)',
        security,
        body: Type.Object(EditableFields, { additionalProperties: false }),
        response: { 201: Employer, ...errorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(dto(await service.createEmployer(db, req.principal!, req.body))),
  );

  app.patch(
    '/employers/:id',
    {
      preHandler: writers,
      schema: {
        tags: ['employers'],
        summary: 'Update an employer (within the key’s office scope)',
        security,
        params: IdParams,
        body: Type.Partial(Type.Object(EditableFields), { additionalProperties: false, minProperties: 1 }),
        response: { 200: Employer, ...errorResponses },
      },
    },
    async (req) => dto(await service.updateEmployer(db, req.principal!, req.params.id, req.body)),
  );

  // ── self-registration and verification (issue 17) ───────────────────────────────────────

  app.post(
    '/public/employer-registrations',
    {
      // A form another site could post on the visitor's behalf: refused like any cross-site write.
      onRequest: async (req) => {
        if (isCrossSite(req, app.deps.config.publicBaseUrl)) throw crossSiteRefused();
      },
      schema: {
        tags: ['employers'],
        summary: 'A company registers itself and its first recruiter; it can publish and see candidates once office staff verify it',
        body: Type.Object(
          {
            name: EditableFields.name,
            creditCode: EditableFields.creditCode,
            industry: Industry,
            sizeBand: SizeBand,
            districtCode: EditableFields.districtCode,
            address: EditableFields.address,
            officeId: Type.Optional(Nullable(Uuid)),
            contactName: Type.String({ minLength: 1, maxLength: 100 }),
            contactPhone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
            contactEmail: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
            username: Type.String({ minLength: 3, maxLength: 64 }),
            password: Type.String({ minLength: 1, maxLength: 256 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ employerId: Uuid, verificationStatus: lit(['pending', 'verified', 'rejected'] as const) }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const r = await registration.registerEmployer(db, app.deps.config, app.notifier, req.body, req.id);
      return reply.status(201).send({ employerId: r.employer.id, verificationStatus: verificationStatusOf(r.employer) });
    },
  );

  const verifiers = app.authorize(['admin', 'staff']);

  app.get(
    '/employer-registrations',
    {
      preHandler: verifiers,
      schema: {
        tags: ['employers'],
        summary: 'Employers by verification status (pending: oldest first), for office staff',
        security,
        querystring: Type.Object(
          { page: PageQuery.page, pageSize: PageQuery.pageSize, status: Type.Optional(lit(['pending', 'verified', 'rejected'] as const)), officeId: Type.Optional(Uuid) },
          { additionalProperties: false },
        ),
        response: { 200: Page(Employer), ...errorResponses },
      },
    },
    async (req) => {
      const { rows, total } = await registration.listRegistrations(db, { ...req.query, status: req.query.status ?? 'pending' });
      return { items: rows.map(dto), page: req.query.page, pageSize: req.query.pageSize, total };
    },
  );

  app.post(
    '/employers/:id/verification',
    {
      preHandler: verifiers,
      schema: {
        tags: ['employers'],
        summary: 'Verify an employer, or reject it with a reason (office staff within their office scope; audited)',
        security,
        params: IdParams,
        body: Type.Object({ decision: lit(['verify', 'reject'] as const), reason: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false }),
        response: { 200: Employer, ...errorResponses },
      },
    },
    async (req) => dto(await registration.decideVerification(db, app.notifier, req.principal!, req.params.id, req.body, req.id)),
  );
};

export default employersRoutes;
