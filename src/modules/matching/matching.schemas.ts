import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, IsoDateTime, Nullable, Uuid } from '../../lib/http.js';

const Components = Type.Object(
  {
    occupation: Type.Number(),
    skills: Type.Number(),
    wage: Type.Number(),
    education: Type.Number(),
    experience: Type.Number(),
    distance: Type.Number(),
    availability: Type.Number(),
    freshness: Type.Number(),
  },
  { description: 'each component in [0, 1]; the score is their weighted sum × 100' },
);
const Reason = Type.Object({ component: Type.String(), en: Type.String(), zh: Type.String() });

/** What anyone who is not the person's case worker may see of a profile: no phone, ID, birth date, sex, ethnicity, priority status. */
export const MaskedProfile = Type.Object({
  maskedName: Type.String(),
  skills: Type.Array(Type.String()),
  experienceYears: Type.Integer(),
  education: Type.String(),
  districtCode: Nullable(Type.String()),
});

export const Candidate = Type.Object({
  rank: Type.Integer(),
  seekerId: Uuid,
  score: Type.Number(),
  components: Components,
  reasons: Type.Array(Reason),
  profile: MaskedProfile,
});

export const CandidatesResponse = Type.Object({
  vacancyId: Uuid,
  computedAt: Nullable(IsoDateTime),
  candidatePool: Type.Integer({ description: 'staff: seekers scored in the last run (after candidate generation), never fewer than total; employers: the candidates they may see (= total)' }),
  total: Type.Integer({ description: 'stored candidates this caller may see (after minScore), for paging' }),
  items: Type.Array(Candidate),
});

const limit = Type.Integer({ minimum: 1, maximum: 100, default: 20 });
/** Pages of an already ranked list: offset counts from the best match; ranks stay ranks in the whole list. */
const offset = Type.Integer({ minimum: 0, maximum: 10_000, default: 0 });
export const LimitQuery = Type.Object({ limit, offset }, { additionalProperties: false });
export const CandidatesQuery = Type.Object(
  { limit, offset, minScore: Type.Optional(Type.Number({ minimum: 0, maximum: 100, description: 'only candidates scoring at least this' })) },
  { additionalProperties: false },
);

export const SeekerMatch = Type.Object({
  rank: Type.Integer(),
  vacancyId: Uuid,
  title: Type.String(),
  employerName: Type.String(),
  districtCode: Nullable(Type.String()),
  publicWelfare: Type.Boolean(),
  score: Type.Number(),
  components: Components,
  reasons: Type.Array(Reason),
});

export const SeekerMatchesResponse = Type.Object({
  seekerId: Uuid,
  computedAt: Nullable(IsoDateTime),
  total: Type.Integer({ description: 'stored matches with a published vacancy, for paging' }),
  items: Type.Array(SeekerMatch),
});

export const PairParams = Type.Object({ vacancyId: Uuid, seekerId: Uuid });
export const ReferParams = Type.Object({ id: Uuid, seekerId: Uuid });

export const PairResponse = Type.Object({
  vacancyId: Uuid,
  seekerId: Uuid,
  score: Type.Number(),
  components: Components,
  weights: Components,
  reasons: Type.Array(Reason),
  /** Rank in the vacancy's stored candidate list, when the seeker is in it. */
  rank: Nullable(Type.Integer()),
  computedAt: IsoDateTime,
  profile: MaskedProfile,
});

export const ReferBody = Type.Object(
  {
    officeId: Type.Optional(Uuid),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const FairnessQuery = Type.Object(
  {
    officeId: Type.Optional(Uuid),
    fairId: Type.Optional(Uuid),
    weekStart: Type.Optional(IsoDate),
    topN: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
  },
  { additionalProperties: false },
);
export type FairnessFilter = Static<typeof FairnessQuery>;

const Stage = Type.Object({
  count: Type.Integer(),
  /** This group's share of everyone at this stage. */
  share: Type.Number(),
  /** count / the group's pool count. */
  rate: Type.Number(),
  /** rate / the highest rate of any group in this dimension (four-fifths rule). */
  impactRatio: Nullable(Type.Number()),
  /** Both this group and the best group have at least `minGroup` people: only then can it be flagged. */
  enoughPeople: Type.Boolean(),
  flagged: Type.Boolean(),
});

export const FairnessResponse = Type.Object({
  vacancies: Type.Integer(),
  topN: Type.Integer(),
  pool: Type.Integer(),
  dimensions: Type.Array(
    Type.Object({
      dimension: Type.Union([Type.Literal('sex'), Type.Literal('ageBand')]),
      groups: Type.Array(
        Type.Object({
          group: Type.String(),
          pool: Type.Integer(),
          poolShare: Type.Number(),
          matched: Stage,
          referred: Stage,
          hired: Stage,
        }),
      ),
    }),
  ),
  flags: Type.Array(Type.Object({ dimension: Type.String(), group: Type.String(), stage: Type.String(), impactRatio: Type.Number() })),
  /** Smallest group (people in the pool) that can be flagged (PES_FAIRNESS_MIN_GROUP). */
  minGroup: Type.Integer(),
  /** What the four-fifths rule means and what a flag does not mean, to print beside the figures. */
  explanation: Type.Object({ zh: Type.String(), en: Type.String() }),
});
export type FairnessDto = Static<typeof FairnessResponse>;
