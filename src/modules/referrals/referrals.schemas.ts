import { Type, type Static } from '@sinclair/typebox';
import { DEFAULT_BOUNDS } from '../../lib/bounds.js';
import { IsoDate, IsoDateTime, Nullable, PageQuery, Uuid } from '../../lib/http.js';
import { literals } from '../../lib/http.js';
import { REFERRAL_OUTCOME_VALUES, REFERRAL_TRANSITIONS, type ReferralOutcome } from '../../vocabulary/index.js';

export const OUTCOMES = REFERRAL_OUTCOME_VALUES;
export type Outcome = ReferralOutcome;
export const Outcome = literals(OUTCOMES);

/** Where a referral may go next (the vocabulary's one definition; the browser gets it as referralNextSteps). */
export const TRANSITIONS = REFERRAL_TRANSITIONS;

/** Outcomes an employer can know first-hand; 'declined' is the seeker's word, recorded by staff. */
export const EMPLOYER_OUTCOMES: readonly Outcome[] = ['interviewed', 'hired', 'rejected', 'no_show'];

/** While a referral is open (or led to a job) the employer needs to reach the person. */
export const CONTACT_RELEASED_WHILE: readonly Outcome[] = ['pending', 'interviewed', 'hired'];

export const Referral = Type.Object({
  id: Uuid,
  seekerId: Uuid,
  vacancyId: Uuid,
  officeId: Uuid,
  referredByKeyId: Nullable(Uuid),
  outcome: Outcome,
  outcomeAt: Nullable(IsoDateTime),
  note: Nullable(Type.String()),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type ReferralDto = Static<typeof Referral>;
/** A staff list row: the referral, what it is for, and the person by masked name and alias (the record has the rest). */
export const ReferralListItem = Type.Object({
  ...Referral.properties,
  vacancyTitle: Nullable(Type.String()),
  employerName: Nullable(Type.String()),
  seekerMaskedName: Type.String(),
  seekerAlias: Type.String(),
});

export const Placement = Type.Object({
  id: Uuid,
  referralId: Nullable(Uuid),
  seekerId: Uuid,
  vacancyId: Nullable(Uuid),
  employerId: Uuid,
  officeId: Uuid,
  contractStart: IsoDate,
  contractMonths: Nullable(Type.Integer()),
  monthlyWage: Type.Number(),
  createdAt: IsoDateTime,
});
export type PlacementDto = Static<typeof Placement>;

export const CreateReferralBody = Type.Object(
  {
    seekerId: Uuid,
    vacancyId: Uuid,
    officeId: Type.Optional(Uuid),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type CreateReferralInput = Static<typeof CreateReferralBody>;

const placementTerms = {
  contractStart: IsoDate,
  contractMonths: Type.Integer({ minimum: 1, maximum: 600 }),
  monthlyWage: Type.Number({ minimum: DEFAULT_BOUNDS.wageMonthlyMin, maximum: DEFAULT_BOUNDS.wageMonthlyMax, description: 'CNY per month (plausible range: src/lib/bounds.ts)' }),
};

export const OutcomeBody = Type.Object(
  {
    outcome: literals(['interviewed', 'hired', 'rejected', 'declined', 'no_show'] as const),
    outcomeAt: Type.Optional(Type.String({ format: 'date-time', description: 'when it happened; defaults to now' })),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
    contractStart: Type.Optional({ ...placementTerms.contractStart, description: 'required when outcome is hired' }),
    contractMonths: Type.Optional({ ...placementTerms.contractMonths, description: 'required when outcome is hired' }),
    monthlyWage: Type.Optional({ ...placementTerms.monthlyWage, description: 'required when outcome is hired' }),
  },
  { additionalProperties: false },
);
export type OutcomeInput = Static<typeof OutcomeBody>;

export const OutcomeResponse = Type.Object({ referral: Referral, placement: Nullable(Placement) });

export const CreatePlacementBody = Type.Object(
  {
    seekerId: Uuid,
    employerId: Uuid,
    vacancyId: Type.Optional(Uuid),
    officeId: Type.Optional(Uuid),
    contractStart: placementTerms.contractStart,
    contractMonths: Type.Optional(Nullable(placementTerms.contractMonths)),
    monthlyWage: placementTerms.monthlyWage,
  },
  { additionalProperties: false },
);
export type CreatePlacementInput = Static<typeof CreatePlacementBody>;

export const ListReferralsQuery = Type.Object(
  {
    ...PageQuery,
    seekerId: Type.Optional(Uuid),
    vacancyId: Type.Optional(Uuid),
    officeId: Type.Optional(Uuid),
    outcome: Type.Optional(Outcome),
  },
  { additionalProperties: false },
);
export type ListReferralsFilter = Static<typeof ListReferralsQuery>;

export const EmployerReferralsQuery = Type.Object(
  {
    ...PageQuery,
    vacancyId: Type.Optional(Uuid),
    outcome: Type.Optional(Outcome),
  },
  { additionalProperties: false },
);
export type EmployerReferralsFilter = Static<typeof EmployerReferralsQuery>;

/** What an employer sees of a referred person: the contact the referral released, nothing else. */
export const EmployerReferral = Type.Object({
  id: Uuid,
  vacancyId: Uuid,
  vacancyTitle: Type.String(),
  outcome: Outcome,
  outcomeAt: Nullable(IsoDateTime),
  createdAt: IsoDateTime,
  seeker: Type.Object({
    maskedName: Type.String(),
    contact: Nullable(
      Type.Object({ name: Type.String(), phone: Nullable(Type.String()) }, { description: 'released while the referral is open or hired and the person consents' }),
    ),
  }),
});
export type EmployerReferralDto = Static<typeof EmployerReferral>;

const counts = Type.Object(Object.fromEntries(OUTCOMES.map((o) => [o, Type.Integer()])) as Record<Outcome, ReturnType<typeof Type.Integer>>);
export const ReferralCounts = Type.Object({ seekerId: Uuid, total: Type.Integer(), declined: Type.Integer(), byOutcome: counts });
export type ReferralCountsDto = Static<typeof ReferralCounts>;

export const StatsQuery = Type.Object(
  {
    officeId: Type.Optional(Type.String({ format: 'uuid', description: 'this office and the offices below it; all offices when omitted' })),
    from: Type.Optional(Type.String({ format: 'date', description: 'inclusive; defaults to 30 days before `to`' })),
    to: Type.Optional(Type.String({ format: 'date', description: 'inclusive; defaults to today (UTC)' })),
  },
  { additionalProperties: false },
);
export type StatsFilter = Static<typeof StatsQuery>;

export const Stats = Type.Object({
  from: IsoDate,
  to: IsoDate,
  items: Type.Array(
    Type.Object({
      officeId: Uuid,
      officeCode: Type.String(),
      officeName: Type.String(),
      referrals: Type.Integer({ description: 'referrals made in the range (by creation date)' }),
      hired: Type.Integer({ description: 'of those referrals, how many ended hired' }),
      placements: Type.Integer({ description: 'placements whose contract starts in the range' }),
    }),
  ),
  totals: Type.Object({ referrals: Type.Integer(), hired: Type.Integer(), placements: Type.Integer() }),
});
export type StatsDto = Static<typeof Stats>;

// --- referral requests (issue 19): a recruiter asks staff to refer a candidate ---------------

export const ReferralRequestBody = Type.Object(
  {
    seekerId: Uuid,
    note: Type.Optional(Type.String({ maxLength: 500, description: 'for the office staff (why this candidate)' })),
  },
  { additionalProperties: false },
);

export const ReferralRequestCreated = Type.Object({ id: Uuid, status: Type.Literal('requested') });

export const REFERRAL_REQUEST_STATUSES = ['requested', 'referred', 'declined'] as const;

export const ReferralRequestsQuery = Type.Object(
  {
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    status: Type.Optional(Type.Union(REFERRAL_REQUEST_STATUSES.map((s) => Type.Literal(s)))),
    vacancyId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

const ReferralRequestFields = {
  id: Uuid,
  vacancyId: Uuid,
  seekerId: Uuid,
  employerId: Uuid,
  officeId: Uuid,
  status: Type.Union(REFERRAL_REQUEST_STATUSES.map((s) => Type.Literal(s))),
  note: Nullable(Type.String()),
  requestedByName: Type.String(),
  decidedAt: Nullable(IsoDateTime),
  decidedByName: Nullable(Type.String()),
  decisionReason: Nullable(Type.String()),
  referralId: Nullable(Uuid),
  createdAt: IsoDateTime,
};
export const ReferralRequest = Type.Object(ReferralRequestFields);
export const ReferralRequestListItem = Type.Object({
  ...ReferralRequestFields,
  vacancyTitle: Type.String(),
  employerName: Type.String(),
  seekerMaskedName: Type.String(),
  seekerAlias: Type.String(),
});

export const DecisionBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('refer'), Type.Literal('decline')]),
    reason: Type.Optional(Type.String({ maxLength: 500, description: 'required when declining; the recruiter sees it' })),
  },
  { additionalProperties: false },
);

export const ListPlacementsQuery = Type.Object(
  {
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    officeId: Type.Optional(Type.String({ format: 'uuid', description: 'this office and the offices below it' })),
    employerId: Type.Optional(Uuid),
    from: Type.Optional(Type.String({ format: 'date', description: 'contract start on or after' })),
    to: Type.Optional(Type.String({ format: 'date', description: 'contract start on or before' })),
  },
  { additionalProperties: false },
);

export const PlacementListItem = Type.Object({
  id: Uuid,
  seekerId: Uuid,
  seekerAlias: Type.String(),
  seekerMaskedName: Type.String(),
  employerName: Type.String(),
  vacancyTitle: Nullable(Type.String()),
  officeName: Type.String(),
  contractStart: IsoDate,
  contractMonths: Nullable(Type.Integer()),
  monthlyWage: Type.Number(),
  referralId: Nullable(Uuid),
  createdAt: IsoDateTime,
});

export const EmployerReferralRequest = Type.Object({
  id: Uuid,
  seekerAlias: Type.String(),
  status: Type.Union(REFERRAL_REQUEST_STATUSES.map((s) => Type.Literal(s))),
  note: Nullable(Type.String()),
  decisionReason: Nullable(Type.String()),
  decidedAt: Nullable(IsoDateTime),
  createdAt: IsoDateTime,
});
