import { describe, expect, it } from 'vitest';
import { createOccupationCoder, extractSkills, mapSkills } from '../../src/modules/occupations/coder/index.js';
import { seekerFeatures, vacancyFeatures, type SeekerRow, type VacancyRow } from '../../src/modules/matching/features.js';

// ESCO ids (last segment of the concept URI), see ../shared/data/esco/skills_en.csv.
const WELDING = '2fcd95a4-1f9a-41cf-95a9-4701bde476b4'; // operate welding equipment
const FORKLIFT = '28cb374e-6261-4133-8371-f9a5470145da'; // operate forklift
const PYTHON = 'ccd0a1d9-afda-43d9-b901-96344886e14d';
const MYSQL = '4da171e5-779c-4983-a76f-91c16751e99f';
const COMMUNICATION = '15d76317-c71a-4fa2-aadc-2ecc34e627b7';

const one = (text: string) => mapSkills([text])[0];

describe('Chinese free-text skills → ESCO skills', () => {
  it('maps the common PES skills named in the issue', () => {
    expect(one('焊接')).toMatchObject({ skillId: WELDING, label: 'operate welding equipment', confidence: 1 });
    expect(one('叉车')).toMatchObject({ skillId: FORKLIFT, label: 'operate forklift', confidence: 1 });
    expect(one('叉车驾驶').skillId).toBe(FORKLIFT);
    expect(one('电工证').label).toBe('electricity');
    expect(one('数据分析').label).toBe('perform data analysis');
    expect(one('会计核算').label).toBe('accounting');
    expect(one('办公软件').label).toBe('use microsoft office');
    expect(one('沟通能力').skillId).toBe(COMMUNICATION);
  });

  it('sees through words about level or possession around one skill, a little less sure', () => {
    expect(one('熟练掌握Excel')).toMatchObject({ label: 'use spreadsheets software', confidence: 0.95 });
    expect(one('有电工证书')).toMatchObject({ label: 'electricity', confidence: 0.95 });
    expect(one('沟通能力较好')).toMatchObject({ skillId: COMMUNICATION, confidence: 0.95 });
  });

  it('folds Traditional characters and full-width letters first', () => {
    expect(one('會計').label).toBe('accounting');
    expect(one('ＥＸＣＥＬ').label).toBe('use spreadsheets software');
  });

  it('finds every skill in mixed Chinese/English text, with the parts listed', () => {
    const m = one('熟练掌握Python和MySQL');
    expect(m.skillId).toBe(PYTHON);
    expect(m.parts?.map((p) => p.skillId)).toEqual([PYTHON, MYSQL]);
    expect(m.confidence).toBeGreaterThanOrEqual(0.6);
    const found = extractSkills('有电工证，做过设备维修，会开叉车').map((s) => s.label);
    expect(found).toEqual(['electricity', 'perform machine maintenance', 'operate forklift']);
  });

  it('does not trust a two-character term that cuts across jieba words', () => {
    // 会计算 is "can calculate" (会/计算), not accounting (会计).
    expect(one('会计算').confidence).toBeLessThan(0.6);
    expect(one('会计').confidence).toBe(1);
  });

  it('keeps English working, with tool names ESCO labels miss taken from the lexicon', () => {
    expect(one('Python')).toMatchObject({ skillId: PYTHON, confidence: 1 });
    expect(one('forklift driving').skillId).toBe(FORKLIFT);
    expect(one('welding').skillId).toBe(WELDING);
    expect(one('Excel').label).toBe('use spreadsheets software');
    // An exact ESCO label is never overridden by the lexicon.
    expect(one('machine learning')).toMatchObject({ label: 'machine learning', confidence: 1 });
    expect(one('Python, MySQL').parts?.map((p) => p.skillId)).toEqual([PYTHON, MYSQL]);
  });

  it('maps nothing for empty or unrelated text', () => {
    expect(one('')).toEqual({ input: '', skillId: null, label: null, confidence: 0 });
    expect(one('公司提供下午茶、水果等').skillId).toBeNull();
    expect(extractSkills('   ')).toEqual([]);
  });

  it('reads the lexicon only on the first skill lookup', () => {
    let reads = 0;
    const coder = createOccupationCoder({
      escoOccupations: [], iscoGroups: [], escoSkills: [],
      zhSkillMap: () => {
        reads += 1;
        return [{ uri: `http://data.europa.eu/esco/skill/${FORKLIFT}`, label: 'operate forklift', terms: ['叉车'] }];
      },
    });
    coder.code('叉车司机');
    expect(reads).toBe(0);
    expect(coder.mapSkills(['叉车', '开叉车']).map((m) => m.skillId)).toEqual([FORKLIFT, FORKLIFT]);
    expect(reads).toBe(1);
  });
});

describe('matcher features with Chinese skills', () => {
  const seeker: SeekerRow = {
    id: '00000000-0000-0000-0000-0000000000a1', version: 1, status: 'active', skills: ['焊接', '叉车驾驶', '吃苦耐劳', '会做饭也会带孩子吗'],
    desired_occupations: [{ system: 'isco', code: '7212' }], district_code: '440106', lat: null, lon: null, education: 'vocational',
    experience_years: 3, desired_wage_min: '6000', availability: 'immediate', priority_groups: [],
  };

  it('carries esco: keys for the Chinese skills a seeker lists, beside the text keys', () => {
    const f = seekerFeatures(seeker);
    expect(f.skillKeys).toEqual(expect.arrayContaining([`esco:${WELDING}`, `esco:${FORKLIFT}`, 'txt:焊接', 'txt:叉车驾驶']));
  });

  it('lets a Chinese vacancy skill and an English seeker skill meet on the same ESCO key', () => {
    const v: VacancyRow = {
      id: '00000000-0000-0000-0000-0000000000b1', version: 1, status: 'published', isco_unit: '7212', occupation_system: null, occupation_code: null,
      skills: ['电焊'], district_code: '440106', lat: null, lon: null, wage_monthly_max: 8000, wage_monthly_min: 6000, education_min: 'none',
      experience_min_years: 0, public_welfare: false, published_at: '2026-11-20T00:00:00Z', expires_at: null,
    };
    const vf = vacancyFeatures(v, new Date('2026-11-21T00:00:00Z'));
    const sf = seekerFeatures({ ...seeker, skills: ['welding'] });
    expect(vf.skillKeys).toEqual([`esco:${WELDING}`]);
    expect(sf.skillKeys).toContain(`esco:${WELDING}`);
  });

  it('takes every ESCO skill a single item names ("熟练掌握Python和MySQL"), on the seeker and the vacancy side', () => {
    const sf = seekerFeatures({ ...seeker, skills: ['熟练掌握Python和MySQL'] });
    expect(sf.skillKeys).toEqual(expect.arrayContaining([`esco:${PYTHON}`, `esco:${MYSQL}`]));
    const vf = vacancyFeatures(
      {
        id: '00000000-0000-0000-0000-0000000000b2', version: 1, status: 'published', isco_unit: '2512', occupation_system: null, occupation_code: null,
        skills: ['Python和MySQL'], district_code: '440106', lat: null, lon: null, wage_monthly_max: 15000, wage_monthly_min: 10000, education_min: 'none',
        experience_min_years: 0, public_welfare: false, published_at: '2026-11-20T00:00:00Z', expires_at: null,
      },
      new Date('2026-11-21T00:00:00Z'),
    );
    expect(vf.skillKeys).toEqual([`esco:${PYTHON}`, `esco:${MYSQL}`]);
  });
});
