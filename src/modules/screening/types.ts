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

/** Category names for messages and forms (never show the internal id such as "sex" to a person). */
export const CATEGORY_LABELS: Record<Category, { zh: string; en: string }> = {
  sex: { zh: '性别', en: 'sex' },
  age: { zh: '年龄', en: 'age' },
  ethnicity_race: { zh: '民族、种族', en: 'ethnicity or race' },
  religion: { zh: '宗教信仰', en: 'religion' },
  household_registration: { zh: '户籍、地域', en: 'household registration or origin' },
  marital_childbearing: { zh: '婚姻、生育状况', en: 'marital or childbearing status' },
  health_disease: { zh: '健康、疾病', en: 'health or disease' },
  appearance_height: { zh: '身高、容貌', en: 'height or appearance' },
  disability: { zh: '残疾', en: 'disability' },
  fees: { zh: '收费', en: 'fees' },
  wage: { zh: '工资', en: 'wage' },
  contact: { zh: '联系方式', en: 'contact channel' },
  other: { zh: '其他', en: 'other' },
};

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

/** A basis as shown with a justified finding: what it is, and what it legally covers (for the reviewer). */
export interface LegalBasis extends Bilingual {
  code: string;
  source?: Bilingual;
  scope?: Bilingual;
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
  /** What the basis legally covers, in words, shown in the form and to the reviewer. */
  scope: Bilingual;
  /**
   * Occupations the basis covers, as code prefixes (2022 classification "6-16", ISCO-08 "811"). When set,
   * the vacancy must carry an occupation code inside one of them; a vacancy without one is out of scope.
   */
  occupations?: { cn2022: string[]; isco: string[]; label: Bilingual };
  /** For age bases: every age named by the finding must lie within these bounds (16 for CN-MINOR-16). */
  ages?: { min?: number; max?: number };
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
