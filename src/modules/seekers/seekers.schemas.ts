import { Type, type Static, type TOptional, type TSchema } from '@sinclair/typebox';
import { IsoDate, IsoDateTime, literals, Nullable, PageQuery, Uuid } from '../../lib/http.js';
import { AGE_BANDS } from '../../lib/masking.js';
import { PRIORITY_DOCUMENTS, PRIORITY_GROUPS } from './seekers.table.js';


import { EDUCATION, SEEKER_STATUS_VALUES } from '../../vocabulary/index.js';

export { EDUCATION };
export const SEEKER_STATUSES = SEEKER_STATUS_VALUES;

export const Education = literals(EDUCATION);
export const SeekerStatus = literals(SEEKER_STATUSES);
export const RegistrationKind = literals(['unemployment', 'job_seeking'] as const);
export const Sex = literals(['male', 'female'] as const);
export const HukouType = literals(['urban_local', 'urban_nonlocal', 'rural_local', 'rural_nonlocal'] as const);
export const Availability = literals(['immediate', 'within_month', 'later', 'employed_looking'] as const);
export const PriorityGroup = literals(PRIORITY_GROUPS);
export const PriorityDocument = literals(PRIORITY_DOCUMENTS);
/** One occupation code from GET /occupations (cn2022 such as 6-31-01-03, or an ISCO-08 group). */
export const OccupationCode = Type.String({ minLength: 1, maxLength: 40, pattern: '^[0-9A-Za-z.-]+$' });
export const DesiredOccupation = Type.Object(
  { system: literals(['isco', 'esco', 'cn2022'] as const), code: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
);

/** Fields a caller may set on a seeker; every one optional here, required ones added for create. */
const editable = {
  officeId: Uuid,
  registrationKind: RegistrationKind,
  name: Type.String({ minLength: 1, maxLength: 60 }),
  nationalId: Type.String({ minLength: 1, maxLength: 30, description: '公民身份号码 (GB 11643); stored only as a keyed hash and its last 4 characters' }),
  phone: Nullable(Type.String({ maxLength: 30 })),
  birthDate: Type.String({ format: 'date', description: 'must agree with the national ID; taken from it when omitted' }),
  sex: Sex,
  ethnicity: Nullable(Type.String({ maxLength: 30 })),
  hukouType: Nullable(HukouType),
  address: Nullable(Type.String({ maxLength: 300 })),
  districtCode: Nullable(Type.String({ maxLength: 12 })),
  lat: Nullable(Type.Number({ minimum: -90, maximum: 90 })),
  lon: Nullable(Type.Number({ minimum: -180, maximum: 180 })),
  education: Education,
  experienceYears: Type.Integer({ minimum: 0, maximum: 60 }),
  skills: Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 50 }),
  desiredOccupations: Type.Array(DesiredOccupation, { maxItems: 20 }),
  desiredWageMin: Nullable(Type.Number({ minimum: 0, maximum: 1_000_000 })),
  availability: Availability,
  profileText: Type.String({ maxLength: 4000 }),
  priorityGroups: Type.Array(PriorityGroup, { uniqueItems: true, maxItems: PRIORITY_GROUPS.length }),
  unemployedSince: Nullable(IsoDate),
  desiredOccupation: Nullable(OccupationCode),
  availableFrom: Nullable(IsoDate),
  priorityDocuments: Type.Array(PriorityDocument, { uniqueItems: true, maxItems: PRIORITY_DOCUMENTS.length, description: 'certificates seen at the counter; priority groups are checked against them' }),
  consentSearchable: Type.Boolean({ description: 'the masked profile may be found by recruiters' }),
  consentContactViaReferral: Type.Boolean({ description: 'a referral may release name and phone to that employer' }),
  consentAutomatedMatching: Type.Boolean({ description: 'automated ranking may suggest vacancies and list the person as a candidate (PIPL art. 24: false = served by staff only); default true' }),
  consentSensitive: Type.Boolean({ description: 'separate consent for sensitive categories (priority groups: disability, 低保, ...) (PIPL art. 29)' }),
  sensitiveBasis: literals(['consent', 'public_service'] as const),
};

/** How the consent answers in this request were given; they become consent records (src/modules/privacy). */
const consentMeta = {
  consentChannel: Type.Optional(literals(['person_kiosk', 'person_online', 'staff_counter'] as const)),
  noticeVersion: Type.Optional(Type.String({ minLength: 1, maxLength: 40, pattern: '\\S', description: 'privacy notice version shown; defaults to the current one' })),
};

const optional = <T extends Record<string, TSchema>>(props: T) =>
  Object.fromEntries(Object.entries(props).map(([k, v]) => [k, Type.Optional(v)])) as { [K in keyof T]: TOptional<T[K]> };

// Consent is an answer the person gives at registration, so both flags must be sent (no silent defaults).
const { registrationKind, name, nationalId, consentSearchable, consentContactViaReferral, ...createOptional } = editable;

export const CreateSeekerBody = Type.Object(
  {
    ...optional(createOptional),
    registrationKind,
    name,
    nationalId,
    consentSearchable,
    consentContactViaReferral,
    ...consentMeta,
  },
  { additionalProperties: false },
);
export type CreateSeekerInput = Static<typeof CreateSeekerBody>;

export const UpdateSeekerBody = Type.Object(
  {
    ...optional(editable),
    ...consentMeta,
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'when given, the update is refused (409) if the seeker changed since' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateSeekerInput = Static<typeof UpdateSeekerBody>;

export const StatusBody = Type.Object(
  {
    status: SeekerStatus,
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

/** What anyone with a staff key sees without giving a reason: no personal data. */
export const SeekerSummary = Type.Object({
  id: Uuid,
  maskedName: Type.String(),
  ageBand: literals([...AGE_BANDS, 'under-16'] as const),
  officeId: Uuid,
  registrationKind: RegistrationKind,
  districtCode: Nullable(Type.String()),
  education: Education,
  experienceYears: Type.Integer(),
  skills: Type.Array(Type.String()),
  desiredOccupations: Type.Array(DesiredOccupation),
  desiredOccupation: Nullable(Type.String()),
  availableFrom: Nullable(IsoDate),
  availability: Availability,
  status: SeekerStatus,
  consentSearchable: Type.Boolean(),
  consentContactViaReferral: Type.Boolean(),
  consentAutomatedMatching: Type.Boolean(),
  anonymised: Type.Boolean(),
  registeredAt: IsoDateTime,
  version: Type.Integer(),
});
export type SeekerSummaryDto = Static<typeof SeekerSummary>;

/** The full record, returned only by the audited read. The national ID itself is never stored. */
export const SeekerDetail = Type.Object({
  id: Uuid,
  officeId: Uuid,
  registrationKind: RegistrationKind,
  name: Type.String(),
  nationalIdLast4: Type.String(),
  phone: Nullable(Type.String()),
  birthDate: IsoDate,
  sex: Sex,
  ethnicity: Nullable(Type.String()),
  hukouType: Nullable(HukouType),
  address: Nullable(Type.String()),
  districtCode: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  lon: Nullable(Type.Number()),
  education: Education,
  experienceYears: Type.Integer(),
  skills: Type.Array(Type.String()),
  desiredOccupations: Type.Array(DesiredOccupation),
  desiredWageMin: Nullable(Type.Number()),
  availability: Availability,
  profileText: Type.String(),
  priorityGroups: Type.Array(PriorityGroup),
  priorityDocuments: Type.Array(PriorityDocument),
  unemployedSince: Nullable(IsoDate),
  desiredOccupation: Nullable(Type.String()),
  availableFrom: Nullable(IsoDate),
  consentSearchable: Type.Boolean(),
  consentContactViaReferral: Type.Boolean(),
  consentAutomatedMatching: Type.Boolean(),
  consentSensitive: Type.Boolean(),
  sensitiveBasis: Nullable(literals(['consent', 'public_service'] as const)),
  anonymisedAt: Nullable(IsoDateTime),
  status: SeekerStatus,
  registeredAt: IsoDateTime,
  version: Type.Integer(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type SeekerDetailDto = Static<typeof SeekerDetail>;

/** Fields of SeekerDetail that are personal data (DESIGN.md invariant 2): named in each audit row. */
export const PERSONAL_FIELDS = [
  'name',
  'nationalIdLast4',
  'phone',
  'birthDate',
  'sex',
  'ethnicity',
  'hukouType',
  'address',
  'lat',
  'lon',
  'priorityGroups',
  'priorityDocuments',
] as const;

export const ReadReasonQuery = Type.Object(
  {
    reason: Type.String({
      minLength: 2,
      maxLength: 200,
      pattern: '\\S',
      description: 'why the personal data is read (e.g. referral, counselling, placement); written to the audit log',
    }),
  },
  { additionalProperties: false },
);

export const ListSeekersQuery = Type.Object(
  {
    ...PageQuery,
    status: Type.Optional(SeekerStatus),
    districtCode: Type.Optional(Type.String({ maxLength: 12 })),
    education: Type.Optional(Education),
    priorityGroup: Type.Optional(PriorityGroup),
    officeId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type ListSeekersFilter = Static<typeof ListSeekersQuery>;

// --- the counter: lookup, record, eligibility (issue 19) ---------------------------------

export const LookupQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 60, description: 'a name (exact or the start of it), a full phone number, or a full national ID' }),
    limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
  },
  { additionalProperties: false },
);

export const LookupResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Uuid,
      name: Type.String(),
      maskedNationalId: Type.String({ description: 'stars and the last 4 characters (the full number is never stored)' }),
      maskedPhone: Nullable(Type.String()),
      birthYear: Type.Integer(),
      districtCode: Nullable(Type.String()),
      officeId: Uuid,
      officeName: Type.String(),
      status: SeekerStatus,
      priorityGroups: Type.Array(PriorityGroup),
    }),
  ),
});

const ReasonText = Type.Object({ zh: Type.String(), en: Type.String() });

export const EligibilityBody = Type.Object(
  {
    seekerId: Type.Optional(Uuid),
    nationalId: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })),
    birthDate: Type.Optional(IsoDate),
    sex: Type.Optional(Sex),
    status: Type.Optional(SeekerStatus),
    unemployedSince: Type.Optional(Nullable(IsoDate)),
    priorityDocuments: Type.Optional(Type.Array(PriorityDocument, { uniqueItems: true, maxItems: PRIORITY_DOCUMENTS.length })),
    priorityGroups: Type.Optional(Type.Array(PriorityGroup, { uniqueItems: true, maxItems: PRIORITY_GROUPS.length, description: 'the groups to check; all when omitted' })),
  },
  { additionalProperties: false },
);

export const EligibilityResponse = Type.Object({
  groups: Type.Array(Type.Object({ value: PriorityGroup, eligible: Type.Boolean(), reasons: Type.Array(ReasonText) })),
});

export const RecordQuery = Type.Object(
  {
    reason: Type.Optional(
      Type.String({ minLength: 2, maxLength: 200, pattern: '\\S', description: 'why the record is opened; written to the audit log (default: record page)' }),
    ),
  },
  { additionalProperties: false },
);

export const RecordResponse = Type.Object({
  profile: SeekerDetail,
  consents: Type.Object({
    current: Type.Record(Type.String(), Type.Boolean()),
    sensitiveBasis: Nullable(Type.String()),
    history: Type.Array(
      Type.Object({
        id: Type.Union([Type.String(), Type.Integer()]),
        purpose: Type.String(),
        granted: Type.Boolean(),
        noticeVersion: Type.String(),
        channel: Type.String(),
        actorName: Type.String(),
        recordedAt: IsoDateTime,
      }),
    ),
  }),
  referrals: Type.Array(
    Type.Object({
      id: Uuid,
      vacancyId: Uuid,
      vacancyTitle: Type.String(),
      employerName: Type.String(),
      status: Type.String(),
      outcome: Type.String(),
      outcomeAt: Nullable(IsoDateTime),
      officeId: Uuid,
      createdAt: IsoDateTime,
    }),
  ),
  placements: Type.Array(
    Type.Object({
      id: Uuid,
      referralId: Nullable(Uuid),
      vacancyId: Nullable(Uuid),
      vacancyTitle: Nullable(Type.String()),
      employerId: Uuid,
      employerName: Type.String(),
      officeId: Uuid,
      contractStart: IsoDate,
      contractMonths: Nullable(Type.Integer()),
      monthlyWage: Type.Number(),
      createdAt: IsoDateTime,
    }),
  ),
  topMatches: Type.Array(Type.Object({ vacancyId: Uuid, title: Type.String(), employerName: Type.String(), score: Type.Number() })),
  history: Type.Array(Type.Object({ at: IsoDateTime, action: Type.String(), actorName: Type.String() })),
});
