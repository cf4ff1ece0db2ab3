/** Shapes of the seed files in seeds/taxonomy/ (built by seeds/taxonomy/build.ts). */
export interface IscoGroup { code: string; label: string }
export interface EscoOccupation { id: string; iscoGroup: string; code: string; label: string; altLabels: string[] }
export interface CnOccupation { code: string; gbm: string | null; name: string; level: number; parent: string | null }
export interface EscoSkill { id: string; label: string; altLabels: string[] }
/** Skill references are positions in the EscoSkill array: essential (e) and optional (o). */
export type OccupationSkills = Record<string, { e: number[]; o: number[] }>;

/** One row of zh-isco-map.json. */
export interface ZhEntry { keywords: string[]; isco: string; cn?: string; generic?: boolean }

/** One row of zh-skill-map.json: Chinese (and a few tool/English) terms → one ESCO skill. */
export interface ZhSkillEntry { uri: string; /** ESCO preferred label */ label: string; terms: string[] }

export interface CoderData {
  escoOccupations: EscoOccupation[];
  iscoGroups: IscoGroup[];
  cnOccupations?: CnOccupation[];
  zhMap?: ZhEntry[];
  escoSkills?: EscoSkill[];
  occupationSkills?: OccupationSkills;
  /** The skill lexicon, or a function that reads it on the first skill lookup (keeps start-up lean). */
  zhSkillMap?: ZhSkillEntry[] | (() => ZhSkillEntry[]);
}

export interface CodeCandidate {
  system: 'isco' | 'cn2022';
  code: string;
  /** ISCO unit-group label, or the Chinese occupation name (Chinese for ISCO too where the caller asks for it). */
  label: string;
  /** The English ISCO label when `label` was replaced by the Chinese name. */
  labelEn?: string;
  /** Best-matching ESCO occupation inside the ISCO group (English path only). */
  occupationLabel?: string;
  occupationId?: string;
  confidence: number;
  /** Why: the label or keyword that matched, for display to staff. */
  matched?: string;
}

export interface CodeOptions { k?: number }

export interface SkillMatch {
  input: string;
  skillId: string | null;
  label: string | null;
  confidence: number;
  /** Only when the text names several skills ("熟练掌握Python和MySQL"): all of them, best first. */
  parts?: SkillMatch[];
}
export interface ImpliedSkill { skillId: string; label: string; /** share of the group's occupations that list it */ share: number }
