import { describe, expect, it } from 'vitest';
import {
  CATEGORIES,
  DEFAULT_MINIMUM_MONTHLY_WAGE,
  LEGAL_BASES,
  TEXT_RULES,
  screenVacancy,
  screeningRuleIds,
  summarise,
  type Category,
  type Finding,
  type VacancyInput,
} from '../../src/modules/screening/index.js';

const screen = (description: string, extra: Partial<VacancyInput> = {}) => screenVacancy({ title: '', description, ...extra });
const open = (fs: Finding[]) => fs.filter((f) => f.status === 'open');
/** Categories with an open block/review finding: what holds a posting. */
const flagged = (fs: Finding[]) => new Set(open(fs).filter((f) => f.severity !== 'hint').map((f) => f.category));
const only = (fs: Finding[], category: Category) => fs.filter((f) => f.category === category);

describe('text rules flag discriminatory wording in Chinese and English', () => {
  const positives: Array<[Category, string, 'block' | 'review', string]> = [
    ['sex', '仓库管理员，限男性，能吃苦。', 'block', '限男性'],
    ['sex', '行政助理，男性优先。', 'block', '男性优先'],
    ['sex', '前台，仅限女性。', 'block', '仅限女性'],
    ['sex', '客服，女士优先。', 'block', '女士优先'],
    ['sex', 'Warehouse assistant, male only.', 'block', 'male only'],
    ['sex', 'Receptionist, female applicants preferred.', 'block', 'female applicants preferred'],
    ['sex', '诚聘女服务员5名。', 'review', '女服务员'],
    ['age', '销售代表，35岁以下。', 'review', '35岁以下'],
    ['age', '任职要求：年龄18-35岁。', 'review', '年龄18-35岁'],
    ['age', '保洁员，年龄不超过40，能吃苦。', 'review', '年龄不超过40'],
    ['age', 'Marketing executive, under 35.', 'review', 'under 35'],
    ['age', 'Aged 22-30, any degree.', 'review', 'Aged 22-30'],
    ['ethnicity_race', '厨师，限汉族。', 'block', '限汉族'],
    ['ethnicity_race', 'English teacher, Caucasian only.', 'block', 'Caucasian only'],
    ['religion', '须信仰基督教，认同文化。', 'block', '须信仰基督教'],
    ['religion', 'Must be a practising Christian.', 'block', 'Must be a practising Christian'],
    ['household_registration', '限本地户口，需原件。', 'block', '限本地户口'],
    ['household_registration', '要求非农户口。', 'block', '要求非农户口'],
    ['household_registration', '限河南籍。', 'block', '限河南籍'],
    ['household_registration', 'Local hukou required.', 'block', 'Local hukou required'],
    ['marital_childbearing', '要求未婚，能出差。', 'block', '未婚'],
    ['marital_childbearing', '已婚已育优先，工作稳定。', 'block', '已婚已育优先'],
    ['marital_childbearing', 'PA, must be single.', 'block', 'must be single'],
    ['health_disease', '乙肝携带者勿扰。', 'block', '乙肝携带者勿扰'],
    ['health_disease', '要求无乙肝。', 'block', '无乙肝'],
    ['health_disease', 'Hepatitis B carriers need not apply.', 'block', 'Hepatitis B carriers need not apply'],
    ['health_disease', '身体健康，无传染病。', 'review', '无传染病'],
    ['appearance_height', '身高160cm以上。', 'review', '身高160cm以上'],
    ['appearance_height', 'Model, height above 170cm.', 'review', 'height above 170cm'],
    ['appearance_height', 'Front desk: attractive and friendly.', 'review', 'attractive'],
    ['disability', '身体无残疾。', 'block', '身体无残疾'],
    ['disability', 'No disabilities, demanding job.', 'block', 'No disabilities'],
    ['fees', '入职需交押金300元。', 'block', '押金'],
    ['fees', '上岗前需缴纳培训费。', 'block', '培训费'],
    ['fees', '服装费自理。', 'block', '服装费自理'],
    ['fees', '体检费由个人承担。', 'block', '体检费由个人承担'],
    ['fees', 'A deposit required before starting.', 'block', 'deposit'],
    ['contact', '有意者请加微信详聊。', 'review', '加微信'],
    ['contact', '微信号：hr_zhang2019', 'review', '微信号：hr_zhang2019'],
    ['contact', '联系电话13812345678张经理', 'review', '13812345678'],
    ['contact', 'Add me on WeChat for details.', 'review', 'Add me on WeChat'],
    ['other', 'Tutor, native English speaker.', 'review', 'native English speaker'],
  ];
  it.each(positives)('when a posting says it (%s): "%s" → %s with exact span', (category, text, severity, span) => {
    const found = open(only(screen(text), category));
    expect(found.map((f) => ({ severity: f.severity, text: f.span.text }))).toContainEqual({ severity, text: span });
    const f = found.find((x) => x.span.text === span)!;
    expect(text.slice(f.span.start, f.span.end)).toBe(span);
    expect(f.field).toBe('description');
    expect(f.message.zh.length).toBeGreaterThan(0);
    expect(f.message.en.length).toBeGreaterThan(0);
  });

  it('when wording is soft (五官端正, 形象气质佳, "young and energetic"), gives a hint that does not hold the posting', () => {
    for (const text of ['五官端正，普通话标准。', '形象气质佳。', 'Young and energetic sales people.']) {
      const fs = screen(text);
      expect(fs.length).toBeGreaterThan(0);
      expect(fs.every((f) => f.severity === 'hint')).toBe(true);
      expect(summarise(fs).outcome).toBe('pass');
    }
  });

  it('when the text uses full-width characters, still matches and reports offsets into the original text', () => {
    const text = '要求：３５岁以下，加ＱＱ详聊';
    const fs = screen(text);
    const age = fs.find((f) => f.category === 'age')!;
    expect(age.span.text).toBe('３５岁以下');
    expect(text.slice(age.span.start, age.span.end)).toBe('３５岁以下');
    expect(fs.some((f) => f.category === 'contact')).toBe(true);
  });

  it('screens the title and requirements fields too, naming the field', () => {
    const fs = screenVacancy({ title: '招聘女服务员', requirements: '年龄18-35岁' });
    expect(fs.map((f) => [f.field, f.category])).toEqual([
      ['title', 'sex'],
      ['requirements', 'age'],
    ]);
  });

  it('when several patterns hit the same words, reports one finding for them', () => {
    const fs = only(screen('限男性优先'), 'sex');
    expect(fs).toHaveLength(1);
  });
});

describe('non-discrimination and positive-action wording is not flagged', () => {
  const negatives = [
    '男女不限',
    '不限性别',
    '性别不限',
    '性别：不限；年龄：不限；户籍：不限。',
    '年龄不限',
    '不限年龄',
    '婚否不限，民族不限。',
    '招聘男/女服务员若干。',
    '欢迎残疾人',
    '残疾人优先',
    '退役军人优先',
    '欢迎女性',
    '4050人员优先',
    '少数民族毕业生同等条件下优先',
    '妈妈岗：弹性工作时间',
    'equal opportunity employer',
    'We hire regardless of gender, age, religion or ethnicity.',
    'Disabled applicants are welcome.',
    'Women are encouraged to apply.',
  ];
  it.each(negatives)('when a posting says "%s", no finding', (text) => {
    expect(screen(text)).toEqual([]);
  });

  const lookalikes: Array<[string, string]> = [
    ['customers’ ages', '负责0-6岁儿童早教课程设计。'],
    ['statutory minimum age', '年满18周岁，持有健康证。'],
    ['statutory minimum age (en)', 'Must be 18 or older to operate the forklift.'],
    ['experience, not age', 'Over 5 years of experience; team under 20 people.'],
    ['employer pays the medical', '公司提供免费体检，体检费由公司承担。'],
    ['no deposit', '无需缴纳押金，公司统一配发工服。'],
    ['employer offers hukou', '可解决北京户口。'],
    ['WeChat as a product', '负责微信小程序和QQ小游戏开发。'],
    ['attractive pay', 'attractive salary package'],
    ['drug research', '参与乙肝新药研发项目的数据分析。'],
    ['children of staff', '员工子女优先入读合作幼儿园。'],
    ['direct deposit', 'Salary is paid by direct deposit.'],
    ['women’s clothing shop', '女装店导购，负责陈列。'],
    ['team description', '帅哥美女多，氛围好'],
    ['library name', 'Experience with Beautiful Soup.'],
  ];
  it.each(lookalikes)('when a posting mentions %s, no finding', (_what, text) => {
    expect(screen(text)).toEqual([]);
  });
});

describe('structured fields', () => {
  it('when a vacancy carries a sex field, blocks it whatever the value', () => {
    const fs = screenVacancy({ title: 't', fields: { sex: '男' } });
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({
      ruleId: 'field.forbidden',
      category: 'sex',
      field: 'fields.sex',
      severity: 'block',
      span: { start: 0, end: 1, text: '男' },
    });
  });

  it.each([
    ['gender', 'sex'],
    ['ethnicity', 'ethnicity_race'],
    ['hukou', 'household_registration'],
    ['maritalStatus', 'marital_childbearing'],
    ['marital_status', 'marital_childbearing'],
    ['religion', 'religion'],
  ] as const)('when a vacancy carries a %s field, blocks it as %s', (key, category) => {
    const fs = screenVacancy({ title: 't', fields: { [key]: 'x' } });
    expect(fs.map((f) => [f.field, f.category, f.severity])).toEqual([[`fields.${key}`, category, 'block']]);
  });

  it('when the forbidden field says 不限/any, gives only a hint to remove it', () => {
    const fs = screenVacancy({ title: 't', fields: { sex: '不限', gender: 'any' } });
    expect(fs.map((f) => f.ruleId)).toEqual(['field.neutral_value', 'field.neutral_value']);
    expect(summarise(fs).outcome).toBe('pass');
  });

  it('when ageMax is set, flags it for review like an age limit in the text', () => {
    const fs = screenVacancy({ title: 't', fields: { ageMin: 18, ageMax: 35 } });
    expect(fs.map((f) => [f.ruleId, f.field, f.severity, f.span.text])).toEqual([['age.field', 'fields.ageMax', 'review', '35']]);
  });

  it('when ageMin is a statutory minimum (16 or 18) alone, no finding; above 18 it is an age limit', () => {
    expect(screenVacancy({ title: 't', fields: { ageMin: 16 } })).toEqual([]);
    expect(screenVacancy({ title: 't', fields: { ageMin: 25 } }).map((f) => f.ruleId)).toEqual(['age.field']);
  });

  it('when ageMin is below 16, blocks it as child labour and no basis can justify it', () => {
    const fs = screenVacancy({ title: 't', fields: { ageMin: 14 }, justifications: [{ category: 'age', basisCode: 'CN-MINOR-16' }] });
    expect(fs.find((f) => f.ruleId === 'age.below_legal_minimum')).toMatchObject({ severity: 'block', status: 'open' });
    expect(fs.some((f) => f.ruleId === 'justification.not_applicable')).toBe(true);
  });

  it('when ageMin exceeds ageMax, reports the inverted range', () => {
    const fs = screenVacancy({ title: 't', fields: { ageMin: 40, ageMax: 30 } });
    expect(fs.map((f) => f.ruleId)).toContain('age.inverted_range');
  });
});

describe('wage checks', () => {
  const wage = (fields: Record<string, unknown>, options = {}) =>
    screenVacancy({ title: 't', fields }, options).filter((f) => f.category === 'wage');

  it('when the monthly wage is below the minimum wage, flags it for review with the figures', () => {
    const fs = wage({ wageMin: 1800, wageMax: 2500, wageUnit: 'month' });
    expect(fs.map((f) => [f.ruleId, f.field, f.severity])).toEqual([['wage.below_minimum', 'fields.wageMin', 'review']]);
    expect(fs[0].message.en).toContain(`${DEFAULT_MINIMUM_MONTHLY_WAGE}`);
  });

  it('uses the configured local minimum wage (PES_MINIMUM_MONTHLY_WAGE), passed as an option, when one is set', () => {
    const configured = { minimumMonthlyWage: 2000 };
    expect(wage({ wageMin: 1900, wageUnit: 'month' }, configured).map((f) => f.ruleId)).toEqual(['wage.below_minimum']);
    expect(wage({ wageMin: 2100, wageUnit: 'month' }, configured)).toEqual([]);
    expect(wage({ wageMin: 1900, wageUnit: 'month' }, configured)[0].message.en).toContain('2000');
  });

  it('normalises a daily wage by 21.75 days', () => {
    // 120 × 21.75 = 2,610 < 2,690; 124 × 21.75 = 2,697 ≥ 2,690
    expect(wage({ wageMin: 120, wageUnit: 'day' }).map((f) => f.ruleId)).toEqual(['wage.below_minimum']);
    expect(wage({ wageMin: 124, wageUnit: 'day' })).toEqual([]);
  });

  it('normalises an hourly wage by 8 hours × 21.75 days', () => {
    // 15 × 174 = 2,610; 16 × 174 = 2,784
    expect(wage({ wageMin: 15, wageUnit: 'hour' }).map((f) => f.ruleId)).toEqual(['wage.below_minimum']);
    expect(wage({ wageMin: 16, wageUnit: 'hour' })).toEqual([]);
  });

  it('normalises a yearly wage by 12 months', () => {
    expect(wage({ wageMin: 30000, wageUnit: 'year' }).map((f) => f.ruleId)).toEqual(['wage.below_minimum']);
    expect(wage({ wageMin: 36000, wageUnit: 'year' })).toEqual([]);
  });

  it('uses the minimum wage given in options instead of the default', () => {
    expect(wage({ wageMin: 2600 }, { minimumMonthlyWage: 2500 })).toEqual([]);
    expect(wage({ wageMin: 2600 }, { minimumMonthlyWage: 2700 }).map((f) => f.ruleId)).toEqual(['wage.below_minimum']);
  });

  it('does not check piece rates against the minimum wage', () => {
    expect(wage({ wageMin: 0.5, wageUnit: 'piece' })).toEqual([]);
  });

  it('when the range is inverted, flags it', () => {
    expect(wage({ wageMin: 8000, wageMax: 6000 }).map((f) => f.ruleId)).toEqual(['wage.inverted_range']);
  });

  it('when the wage exceeds 10× the occupation median, flags it; without a median, no such check', () => {
    expect(wage({ wageMin: 50000, wageMax: 80000 }, { occupationMedian: 6000 }).map((f) => [f.ruleId, f.field])).toEqual([
      ['wage.above_median', 'fields.wageMax'],
    ]);
    expect(wage({ wageMin: 50000, wageMax: 80000 })).toEqual([]);
    expect(wage({ wageMin: 50000, wageMax: 59000 }, { occupationMedian: 6000 })).toEqual([]);
  });

  it('when the wage is not a number or negative, or the unit is unknown, reports it', () => {
    expect(wage({ wageMin: 'abc', wageMax: -1, wageUnit: 'week' }).map((f) => [f.ruleId, f.field])).toEqual([
      ['wage.invalid', 'fields.wageUnit'],
      ['wage.invalid', 'fields.wageMin'],
      ['wage.invalid', 'fields.wageMax'],
    ]);
  });

  it('rejects a non-positive minimum wage option', () => {
    expect(() => screenVacancy({ title: 't' }, { minimumMonthlyWage: 0 })).toThrow(RangeError);
  });
});

describe('justified exceptions', () => {
  it('when an age limit cites a valid basis for age, the finding becomes justified with its basis', () => {
    const fs = screenVacancy({
      title: '大客车司机',
      description: '年龄21-50岁，持A1驾照',
      fields: { occupationSystem: 'cn2022', occupationCode: '4-02-02-01' },
      justifications: [{ category: 'age', basisCode: 'CN-LICENSE-DRIVER' }],
    });
    const age = fs.find((f) => f.category === 'age')!;
    expect(age.status).toBe('justified');
    expect(age.basis).toMatchObject({ code: 'CN-LICENSE-DRIVER' });
    expect(age.basis!.zh.length).toBeGreaterThan(0);
    // Issue 18: a justification is a claim a person checks; it never passes by itself.
    expect(summarise(fs).outcome).toBe('review');
  });

  it('when a sex restriction for underground mining cites CN-FEMALE-PROTECT by rule id, it is justified', () => {
    const fs = screenVacancy({
      title: '井下采煤工',
      description: '限男性，矿山井下作业',
      fields: { occupationSystem: 'cn2022', occupationCode: '6-16-01-05' },
      justifications: [{ ruleId: 'sex.restriction', basisCode: 'CN-FEMALE-PROTECT' }],
    });
    expect(fs.filter((f) => f.category === 'sex').map((f) => f.status)).toEqual(['justified']);
    expect(summarise(fs).outcome).toBe('review');
  });

  it('when a structured ageMax cites a valid basis, it is justified', () => {
    const fs = screenVacancy({ title: 't', fields: { ageMax: 35, occupationSystem: 'isco', occupationCode: '1112' }, justifications: [{ category: 'age', basisCode: 'CN-CIVIL-SERVICE' }] });
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ ruleId: 'age.field', status: 'justified', basis: { code: 'CN-CIVIL-SERVICE' } });
  });

  it('when the basis code does not exist, reports justification.invalid and the finding stays open', () => {
    const fs = screenVacancy({ title: 't', description: '35岁以下', justifications: [{ category: 'age', basisCode: 'CN-MADE-UP' }] });
    expect(fs.find((f) => f.category === 'age')!.status).toBe('open');
    expect(fs.find((f) => f.ruleId === 'justification.invalid')).toMatchObject({
      field: 'justifications[0]',
      span: { text: 'CN-MADE-UP' },
      severity: 'review',
    });
    expect(summarise(fs).outcome).toBe('review');
  });

  it('when the basis does not cover the category, reports justification.not_applicable and the finding stays open', () => {
    const fs = screenVacancy({ title: 't', description: '限男性', justifications: [{ category: 'sex', basisCode: 'CN-HEALTH-FOOD' }] });
    expect(fs.find((f) => f.category === 'sex')!.status).toBe('open');
    expect(fs.map((f) => f.ruleId)).toContain('justification.not_applicable');
    expect(summarise(fs).outcome).toBe('block');
  });

  it('when a food handler posting excludes infectious disease under CN-HEALTH-FOOD, it is justified, but a hepatitis B exclusion never is', () => {
    const fs = screenVacancy({
      title: '厨师',
      description: '无传染病，乙肝勿扰',
      fields: { occupationSystem: 'cn2022', occupationCode: '4-03-02-01' },
      justifications: [{ category: 'health_disease', basisCode: 'CN-HEALTH-FOOD' }],
    });
    const health = fs.filter((f) => f.category === 'health_disease');
    expect(health.find((f) => f.ruleId === 'health.disease_exclusion')!.status).toBe('justified');
    expect(health.find((f) => f.ruleId === 'health.hepatitis_b')!.status).toBe('open');
    expect(fs.map((f) => f.ruleId)).toContain('justification.not_applicable');
    expect(summarise(fs).outcome).toBe('block');
  });

  it('when a justification matches no finding, gives a hint that it is unused', () => {
    const fs = screenVacancy({ title: 't', justifications: [{ category: 'age', basisCode: 'CN-MINOR-16' }] });
    expect(fs.map((f) => [f.ruleId, f.severity])).toEqual([['justification.unused', 'hint']]);
  });

  it('every legal basis has a code, zh/en text, a source and at least one category', () => {
    const codes = LEGAL_BASES.map((b) => b.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual(expect.arrayContaining(['CN-MINOR-16', 'CN-MINOR-18-HAZARD', 'CN-FEMALE-PROTECT', 'CN-HEALTH-FOOD', 'CN-HEALTH-CHILDCARE', 'CN-LICENSE-DRIVER', 'CN-CIVIL-SERVICE', 'CN-ARMY']));
    for (const b of LEGAL_BASES) {
      expect(b.zh && b.en && b.source.zh && b.source.en).toBeTruthy();
      expect(b.categories.length).toBeGreaterThan(0);
      for (const c of b.categories) expect(CATEGORIES).toContain(c);
    }
  });
});

describe('summarise', () => {
  const f = (severity: Finding['severity'], status: Finding['status'] = 'open', category: Category = 'age'): Finding => ({
    ruleId: 'x',
    category,
    field: 'description',
    span: { start: 0, end: 1, text: 'x' },
    severity,
    message: { zh: '', en: '' },
    status,
  });

  it('with no findings, passes', () => {
    expect(summarise([]).outcome).toBe('pass');
  });
  it('with only hints, passes', () => {
    expect(summarise([f('hint'), f('hint')]).outcome).toBe('pass');
  });
  it('with an open review finding, asks for review', () => {
    expect(summarise([f('hint'), f('review')]).outcome).toBe('review');
  });
  it('with an open block finding, blocks even if there are reviews', () => {
    expect(summarise([f('review'), f('block', 'open', 'sex')]).outcome).toBe('block');
  });
  it('with only justified findings, asks for review (a justification is checked by a person)', () => {
    expect(summarise([f('block', 'justified', 'sex')]).outcome).toBe('review');
  });
  it('counts justified findings apart from open ones', () => {
    const s = summarise([f('block', 'justified', 'sex'), f('review', 'open', 'age'), f('hint', 'open', 'appearance_height')]);
    expect(s.outcome).toBe('review');
    expect(s.counts).toEqual({
      total: 3,
      open: 2,
      justified: 1,
      bySeverity: { block: 0, review: 1, hint: 1 },
      byCategory: { age: 1, appearance_height: 1 },
    });
  });
});

describe('rules are data', () => {
  it('every text rule has a unique id, a known category and severity, patterns and bilingual explanation', () => {
    const ids = TEXT_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of TEXT_RULES) {
      expect(CATEGORIES).toContain(r.category);
      expect(['block', 'review', 'hint']).toContain(r.severity);
      expect((r.patterns?.length ?? 0) + (r.phrases?.length ?? 0)).toBeGreaterThan(0);
      expect(r.message.zh && r.message.en).toBeTruthy();
    }
  });

  it('screeningRuleIds lists text and computed rules, sorted', () => {
    const ids = screeningRuleIds();
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(expect.arrayContaining(['sex.restriction', 'age.limit', 'field.forbidden', 'wage.below_minimum', 'justification.invalid']));
    // every rule id a screening returns is listed
    const fs = screenVacancy({
      title: '女服务员',
      description: '限男性，35岁以下，押金，加微信，native English speaker',
      fields: { sex: '男', ageMax: 30, wageMin: 100 },
      justifications: [{ category: 'age', basisCode: 'NOPE' }],
    });
    for (const x of fs) expect(ids).toContain(x.ruleId);
  });

  it('when a duplicate is passed in options, reports it for review', () => {
    const fs = screenVacancy({ title: '电工' }, { duplicateOf: { vacancyId: 'v-42', similarity: 0.97 } });
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ ruleId: 'other.duplicate', severity: 'review', field: 'title' });
    expect(fs[0].message.en).toContain('v-42');
  });
});

describe('speed', () => {
  it('screens a 2,000-character posting in well under 2 ms on average', () => {
    const chunk = '熟练掌握Python和Django框架，有良好的沟通能力和团队合作精神，能独立分析和解决问题；';
    const description = (chunk.repeat(Math.ceil(2000 / chunk.length)) + '限男性，35岁以下').slice(-2000);
    for (let i = 0; i < 50; i++) screenVacancy({ title: 'Python开发', description });
    const n = 300;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) screenVacancy({ title: 'Python开发', description });
    const avg = (performance.now() - t0) / n;
    expect(avg).toBeLessThan(2);
  });

  it('flags are stable for every eval category in at least one place (sanity)', () => {
    expect(flagged(screen('限男性，35岁以下，汉族，须信仰佛教，限本地户口，未婚，乙肝勿扰，身高160cm以上，无残疾，押金，加微信，native speaker'))).toEqual(
      new Set(['sex', 'age', 'ethnicity_race', 'religion', 'household_registration', 'marital_childbearing', 'health_disease', 'appearance_height', 'disability', 'fees', 'contact', 'other']),
    );
  });
});
