import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../lib/http.js';
import { LEGAL_BASES } from './rules/legal-bases.js';
import { LegalBasisSchema } from './screening.schemas.js';
import { CATEGORIES, CATEGORY_LABELS, type Category } from './types.js';

/**
 * The legal bases a posting may cite, with what each legally covers. Public reference data (like
 * /occupations): the vacancy form builds its basis list from it, and anyone can read what a basis allows.
 */
const screeningRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/screening/legal-bases',
    {
      schema: {
        tags: ['screening'],
        summary: 'Legal bases a justification may cite, with their scope (categories, occupations, ages) in zh and en',
        querystring: Type.Object(
          { category: Type.Optional(Type.Union(CATEGORIES.map((c) => Type.Literal(c)))) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(LegalBasisSchema) }), ...errorResponses },
      },
    },
    async (req) => {
      const category = req.query.category as Category | undefined;
      const items = LEGAL_BASES.filter((b) => !category || b.categories.includes(category)).map((b) => ({
        code: b.code,
        name: { zh: b.zh, en: b.en },
        source: b.source,
        categories: [...b.categories],
        categoryNames: b.categories.map((c) => CATEGORY_LABELS[c]),
        scope: b.scope,
        occupations: b.occupations ?? null,
        ages: b.ages ?? null,
      }));
      return { items };
    },
  );
};

export default screeningRoutes;
