import { Type } from '@sinclair/typebox';
import { IsoDateTime, Nullable, Uuid } from '../../lib/http.js';
import { literals } from '../../lib/http.js';
import { CONSENT_CHANNELS, CONSENT_PURPOSES } from './privacy.table.js';

export const ConsentPurpose = literals(CONSENT_PURPOSES);
export const ConsentChannel = literals(CONSENT_CHANNELS);

export const ConsentBody = Type.Object(
  {
    purpose: ConsentPurpose,
    granted: Type.Boolean({ description: 'true gives the consent, false withdraws it' }),
    channel: ConsentChannel,
    noticeVersion: Type.Optional(Type.String({ minLength: 1, maxLength: 40, pattern: '\\S', description: 'the privacy notice version shown; defaults to the current one' })),
  },
  { additionalProperties: false },
);

export const ConsentStateDto = Type.Object({
  seekerId: Uuid,
  current: Type.Object({
    recruiter_search: Type.Boolean(),
    contact_release: Type.Boolean(),
    sensitive_categories: Type.Boolean(),
    automated_matching: Type.Boolean(),
  }),
  sensitiveBasis: Nullable(Type.String()),
  history: Type.Array(
    Type.Object({
      id: Type.Integer(),
      purpose: ConsentPurpose,
      granted: Type.Boolean(),
      noticeVersion: Type.String(),
      channel: ConsentChannel,
      actorName: Type.String(),
      recordedAt: IsoDateTime,
    }),
  ),
});

export const ReasonBody = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 200, pattern: '\\S', description: 'why (the request, the rule); written to the audit log' }) },
  { additionalProperties: false },
);

export const ErasureDto = Type.Object({ seekerId: Uuid, anonymisedAt: IsoDateTime, alreadyAnonymised: Type.Boolean() });

const Str = Type.String();
const NStr = Nullable(Type.String());
export const SeekerExportDto = Type.Object({
  generatedAt: IsoDateTime,
  seeker: Type.Object({
    id: Uuid,
    name: Str,
    nationalIdLast4: Str,
    phone: NStr,
    birthDate: Str,
    sex: Str,
    ethnicity: NStr,
    hukouType: NStr,
    address: NStr,
    districtCode: NStr,
    lat: Nullable(Type.Number()),
    lon: Nullable(Type.Number()),
    education: Str,
    experienceYears: Type.Integer(),
    skills: Type.Array(Str),
    desiredOccupations: Type.Array(Type.Object({ system: Str, code: Str })),
    desiredWageMin: Nullable(Type.Number()),
    availability: Str,
    profileText: Str,
    priorityGroups: Type.Array(Str),
    sensitiveBasis: NStr,
    unemployedSince: NStr,
    registrationKind: Str,
    status: Str,
    registeredAt: IsoDateTime,
    anonymisedAt: Nullable(IsoDateTime),
  }),
  consents: Type.Object({
    seekerId: Uuid,
    current: ConsentStateDto.properties.current,
    sensitiveBasis: NStr,
    history: ConsentStateDto.properties.history,
  }),
  referrals: Type.Array(
    Type.Object({ id: Uuid, vacancyId: Uuid, vacancyTitle: Str, employerName: Str, outcome: Str, outcomeAt: Nullable(IsoDateTime), note: NStr, createdAt: IsoDateTime }),
  ),
  placements: Type.Array(Type.Object({ id: Uuid, employerName: Str, contractStart: Str, contractMonths: Nullable(Type.Integer()), monthlyWage: Type.Number() })),
  automatedSuggestions: Type.Object({
    optedOut: Type.Boolean(),
    items: Type.Array(
      Type.Object({
        vacancyId: Uuid,
        title: Str,
        score: Type.Number(),
        reasons: Type.Array(Type.Object({ component: Str, en: Str, zh: Str })),
        computedAt: IsoDateTime,
      }),
    ),
  }),
  savedSearches: Type.Array(Type.Object({ id: Uuid, name: Str, query: Type.Record(Str, Type.Unknown()), createdAt: IsoDateTime })),
  shownToEmployersInAlerts: Type.Array(Type.Object({ savedSearchId: Uuid, createdAt: IsoDateTime, sentAt: Nullable(IsoDateTime) })),
  processingHistory: Type.Array(
    Type.Object({ seq: Type.Integer(), at: IsoDateTime, actorName: Str, actorRole: Str, action: Str, fields: Type.Array(Str), reason: Str }),
  ),
});

export const RetentionRunDto = Type.Object({
  id: Type.Integer(),
  startedAt: IsoDateTime,
  finishedAt: Nullable(IsoDateTime),
  rules: Type.Record(Type.String(), Type.Unknown()),
  anonymisedSeekers: Type.Integer(),
  prunedAuditRows: Type.Integer(),
  details: Type.Record(Type.String(), Type.Unknown()),
});
