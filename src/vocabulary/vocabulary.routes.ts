import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { VOCABULARY_LISTS, type VocabularyListName } from './index.js';

const TermSchema = Type.Object(
  { value: Type.String(), zh: Type.String(), en: Type.String() },
  { additionalProperties: false, description: 'one value with its Simplified Chinese and English label' },
);
const list = (description: string) => Type.Array(TermSchema, { description });

/** The list names are a public contract (the workbench and the kiosk read them by name). */
export const VocabularyResponse = Type.Object(
  {
    version: Type.String({ description: 'changes whenever any value or label changes (a content hash): clients may cache by it' }),
    lists: Type.Object(
      {
        educationLevels: list('education levels, lowest first (the order is the rank used by matching and search)'),
        fairKinds: list('kinds of job fair'),
        contractTypes: list('contract types (用工形式)'),
        payUnits: list('units of stated pay'),
        vacancyStatuses: list('vacancy statuses'),
        referralOutcomes: list('referral outcomes'),
        referralNextSteps: list('allowed referral transitions: value is "from>to" (e.g. "pending>interviewed"), labelled with the outcome it records; offer the entries starting with "<current outcome>>"'),
        priorityGroups: list('priority groups (就业困难人员 and others), as stored on a job seeker'),
        seekerStatuses: list('job-seeker statuses'),
        iscoMajorGroups: list('ISCO-08 major groups: value is the major-group digit'),
      } satisfies Record<VocabularyListName, unknown>,
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type VocabularyDto = Static<typeof VocabularyResponse>;

/** Built once: the vocabulary is code, so it cannot change while the process runs. */
export function vocabularyDocument(): VocabularyDto {
  const lists = Object.fromEntries(
    Object.entries(VOCABULARY_LISTS).map(([name, terms]) => [name, terms.map((t) => ({ value: t.value, zh: t.zh, en: t.en }))]),
  ) as VocabularyDto['lists'];
  const version = createHash('sha256').update(JSON.stringify(lists)).digest('hex').slice(0, 16);
  return { version, lists };
}

const vocabularyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const doc = vocabularyDocument();
  app.get(
    '/vocabulary',
    {
      schema: {
        tags: ['vocabulary'],
        summary: 'The shared vocabulary: every enum value with its zh and en label (public, no personal data)',
        response: { 200: VocabularyResponse },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=300').header('etag', `"${doc.version}"`);
      return doc;
    },
  );
};
export default vocabularyRoutes;
