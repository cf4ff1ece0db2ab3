export const CATEGORIES = [
  'sex',
  'age',
  'ethnicity_race',
  'religion',
  'household_registration',
  'marital_childbearing',
  'health_disease',
  'appearance_height',
  'disability',
  'fees',
  'wage',
  'contact',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['block', 'review', 'hint'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type TextField = 'title' | 'description' | 'requirements';
/** Where a finding was made; `justifications[i]` points at the i-th justification of the input. */
export type FindingField = TextField | `fields.${string}` | `justifications[${number}]`;

export interface Bilingual {
  zh: string;
  en: string;
}

export interface Span {
  /** UTF-16 offsets into the original field text (or String(value) for structured fields). */
  start: number;
  end: number;
  text: string;
}

export interface LegalBasis extends Bilingual {
  code: string;
}

export interface Finding {
  ruleId: string;
  category: Category;
  field: FindingField;
  span: Span;
  severity: Severity;
  message: Bilingual;
  status: 'open' | 'justified';
  basis?: LegalBasis;
}

/** A claim that a finding is lawful, citing a code from LEGAL_BASES. Targets a rule id or a whole category. */
export type Justification =
  | { ruleId: string; category?: Category; basisCode: string }
  | { ruleId?: string; category: Category; basisCode: string };

export type WageUnit = 'month' | 'day' | 'hour' | 'year' | 'piece';

export interface VacancyInput {
  title: string;
  description?: string | null;
  requirements?: string | null;
  /** Structured fields (sex, ageMin, ageMax, wageMin, wageMax, wageUnit, occupationCode, ...). */
  fields?: Record<string, unknown> | null;
  justifications?: Justification[] | null;
}

export interface ScreeningOptions {
  /** Monthly minimum wage in CNY used for the below-minimum check. Default: the configured local value (PES_MINIMUM_MONTHLY_WAGE), else DEFAULT_MINIMUM_MONTHLY_WAGE. */
  minimumMonthlyWage?: number;
  /** Median monthly wage (CNY) of the vacancy's occupation; enables the "more than 10x the median" check. */
  occupationMedian?: number;
  /**
   * The caller (which has the database) found a near-identical open posting. The engine only reports it;
   * detecting duplicates needs other postings and is not a pure text check.
   */
  duplicateOf?: { vacancyId: string; similarity?: number } | null;
}

export interface TextRule {
  id: string;
  category: Category;
  severity: Severity;
  /** Regex sources (compiled case-insensitively, Unicode-aware). */
  patterns?: string[];
  /** Literal phrases; matched case-insensitively. */
  phrases?: string[];
  /**
   * Regex sources for allowed wording: a match of the rule that overlaps a match of one of these is dropped
   * (negations such as 不限, benefits such as 公司承担体检费, positive action such as 残疾人优先).
   */
  exceptions?: string[];
  /** false when no legal basis can make the wording lawful (e.g. hepatitis B screening, deposits). */
  justifiable?: boolean;
  message: Bilingual;
}

export interface LegalBasisEntry extends Bilingual {
  code: string;
  /** The statute or regulation the code rests on. */
  source: Bilingual;
  /** Categories this basis can justify. */
  categories: Category[];
}

export interface Summary {
  outcome: 'pass' | 'review' | 'block';
  /** bySeverity and byCategory count open findings only; justified ones are counted in `justified`. */
  counts: {
    total: number;
    open: number;
    justified: number;
    bySeverity: Record<Severity, number>;
    byCategory: Partial<Record<Category, number>>;
  };
}
