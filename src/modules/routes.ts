import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import officesRoutes from './offices/offices.routes.js';
import employersRoutes from './employers/employers.routes.js';
import fairsRoutes from './fairs/fairs.routes.js';
import vacanciesRoutes from './vacancies/vacancies.routes.js';
import occupationsRoutes from './occupations/occupations.routes.js';
import seekersRoutes from './seekers/seekers.routes.js';
import referralsRoutes from './referrals/referrals.routes.js';
import auditRoutes from './audit/audit.routes.js';
import importsRoutes from './imports/imports.routes.js';
import searchRoutes from '../search/search.routes.js';
import savedSearchesRoutes from './saved-searches/saved-searches.routes.js';
import wageGuidanceRoutes from './wage-guidance/wage-guidance.routes.js';
import matchingRoutes from './matching/matching.routes.js';

import supplyDemandRoutes from './supply-demand/supply-demand.routes.js';
import { feedRoutes } from './feed/index.js';
import { privacyRoutes } from './privacy/index.js';
import screeningRoutes from './screening/screening.routes.js';
import vocabularyRoutes from '../vocabulary/vocabulary.routes.js';
import { exportsRoutes } from './exports/index.js';
/** Every module's routes, registered by buildApp in this order. */
export const moduleRoutes: FastifyPluginAsyncTypebox[] = [
  officesRoutes,
  employersRoutes,
  fairsRoutes,
  vacanciesRoutes,
  occupationsRoutes,
  seekersRoutes,
  referralsRoutes,
  auditRoutes,
  importsRoutes,
  searchRoutes,
  savedSearchesRoutes,
  wageGuidanceRoutes,
  matchingRoutes,
  supplyDemandRoutes,
  feedRoutes,
  privacyRoutes,
  screeningRoutes,
  vocabularyRoutes,
  exportsRoutes,
];
