import { describe, expect, it } from 'vitest';
import { seekerFeatures, vacancyFeatures, type SeekerRow, type VacancyRow } from '../../../src/modules/matching/features.js';
import { haversineKm, scorePair, WEIGHTS, type SeekerFeatures, type VacancyFeatures } from '../../../src/modules/matching/score.js';

const NOW = new Date('2026-11-20T00:00:00Z');
const flatIdf = () => 1;

function vac(over: Partial<VacancyFeatures> = {}): VacancyFeatures {
  return {
    vacancyId: 'v1', version: 1, iscoUnit: '7212', skillKeys: ['txt:welding', 'txt:cutting', 'txt:blueprints', 'txt:safety', 'txt:forklift'],
    skillLabels: ['welding', 'cutting', 'blueprints', 'safety', 'forklift'], skillsImplied: false, districtCode: '440106',
    lat: 23.125, lon: 113.361, wageMax: 6500, educationRank: 4, experienceMinYears: 2, publishedAt: new Date('2026-11-18T00:00:00Z'), ...over,
  };
}
function seeker(over: Partial<SeekerFeatures> = {}): SeekerFeatures {
  return {
    seekerId: 's1', version: 1, iscoUnits: ['7212'], skillKeys: ['txt:welding', 'txt:cutting', 'txt:blueprints', 'txt:safety'], skillLabels: [],
    districtCode: '440106', lat: 23.125, lon: 113.361 + 8 / 102.3, educationRank: 4, experienceYears: 5, desiredWageMin: 6000, availability: 'immediate', ...over,
  };
}

describe('match score components and reasons', () => {
  it('weights sum to one', () => {
    expect(Object.values(WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('explains a good match in both languages: skills covered, offer above expectation, distance in km', () => {
    const m = scorePair(vac(), seeker(), flatIdf, NOW);
    const en = m.reasons.map((r) => r.en);
    expect(en).toContain('has 4 of 5 required skills: welding, cutting, blueprints, safety');
    expect(en).toContain('offer 6,500 ≥ expected 6,000');
    expect(en.some((r) => r === '5–10 km away')).toBe(true);
    expect(m.reasons.every((r) => r.zh.length > 0)).toBe(true);
    expect(m.components).toMatchObject({ occupation: 1, skills: 0.8, wage: 1, education: 1, experience: 1, availability: 1, freshness: 1 });
    expect(m.score).toBeGreaterThan(85);
    expect(m.score).toBeLessThanOrEqual(100);
  });

  it('ranks occupation proximity: same unit group > same minor group > same sub-major group > unrelated', () => {
    const occ = (u: string) => scorePair(vac(), seeker({ iscoUnits: [u] }), flatIdf, NOW).components.occupation;
    expect(occ('7212')).toBe(1);
    expect(occ('7213')).toBeGreaterThan(occ('7223'));
    expect(occ('7223')).toBeGreaterThan(occ('8332'));
    expect(occ('2512')).toBe(0);
  });

  it('weights skill coverage by rarity: the rare skill counts more than the common one', () => {
    const idf = (k: string) => (k === 'txt:forklift' ? 5 : 1);
    const hasRare = scorePair(vac({ skillKeys: ['txt:welding', 'txt:forklift'], skillLabels: ['welding', 'forklift'] }), seeker({ skillKeys: ['txt:forklift'] }), idf, NOW);
    const hasCommon = scorePair(vac({ skillKeys: ['txt:welding', 'txt:forklift'], skillLabels: ['welding', 'forklift'] }), seeker({ skillKeys: ['txt:welding'] }), idf, NOW);
    expect(hasRare.components.skills).toBeCloseTo(5 / 6, 2);
    expect(hasCommon.components.skills).toBeCloseTo(1 / 6, 2);
  });

  it('scores an offer below the expectation lower and says so', () => {
    const m = scorePair(vac({ wageMax: 5000 }), seeker({ desiredWageMin: 6000 }), flatIdf, NOW);
    expect(m.components.wage).toBeLessThan(0.5);
    expect(m.reasons.map((r) => r.en)).toContain('offer 5,000 < expected 6,000');
  });

  it('uses the same district when coordinates are missing', () => {
    const same = scorePair(vac({ lat: null, lon: null }), seeker({ lat: null, lon: null }), flatIdf, NOW);
    const other = scorePair(vac({ lat: null, lon: null }), seeker({ lat: null, lon: null, districtCode: '440104' }), flatIdf, NOW);
    expect(same.components.distance).toBeGreaterThan(other.components.distance);
    expect(same.reasons.map((r) => r.en)).toContain('lives in the same district');
  });

  it('penalises missing education and experience and stale postings', () => {
    const m = scorePair(vac({ educationRank: 6, experienceMinYears: 4, publishedAt: new Date('2026-09-01T00:00:00Z') }), seeker({ educationRank: 4, experienceYears: 2 }), flatIdf, NOW);
    expect(m.components.education).toBe(0);
    expect(m.components.experience).toBeCloseTo(0.35, 2);
    expect(m.components.freshness).toBeLessThan(0.5);
  });

  it('computes haversine distance in km', () => {
    expect(haversineKm(23.125, 113.361, 23.129, 113.267)).toBeCloseTo(9.6, 0);
  });
});

describe('features', () => {
  const row = (over: Partial<SeekerRow> = {}): SeekerRow => ({
    id: '00000000-0000-0000-0000-000000000001', version: 3, status: 'active', skills: ['welding', '电焊'], desired_occupations: [{ system: 'isco', code: '7212' }],
    district_code: '440106', lat: null, lon: null, education: 'vocational', experience_years: 5, desired_wage_min: '6000', availability: 'immediate', priority_groups: [], ...over,
  });

  it('derives ISCO group keys for candidate generation, with the district', () => {
    const f = seekerFeatures(row());
    expect(f.groupKeys).toEqual(expect.arrayContaining(['u:7212', 'n:721', 's:72', 'ud:7212:440106', 'md:7:440106', 'd:440106']));
    expect(f.desiredWageMin).toBe(6000);
  });

  it('maps a Chinese 2022 occupation code to its ISCO unit group', () => {
    expect(seekerFeatures(row({ desired_occupations: [{ system: 'cn2022', code: '6-31-01-03' }] })).iscoUnits.length).toBe(1);
  });

  it('fills a vacancy that lists no skills with its occupation’s essential ESCO skills', () => {
    const v: VacancyRow = {
      id: '00000000-0000-0000-0000-000000000002', version: 1, status: 'published', isco_unit: '7212', occupation_system: 'isco', occupation_code: '7212', skills: [],
      district_code: '440106', lat: null, lon: null, wage_monthly_max: 7000, wage_monthly_min: 5000, education_min: 'none', experience_min_years: 0, public_welfare: false,
      published_at: NOW, expires_at: null,
    };
    const f = vacancyFeatures(v, NOW);
    expect(f.skillsImplied).toBe(true);
    expect(f.skillKeys.length).toBeGreaterThan(0);
    expect(f.skillKeys.every((k) => k.startsWith('esco:'))).toBe(true);
    expect(f.open).toBe(true);
  });

  it('has no protected attribute among the score inputs', () => {
    const f = seekerFeatures({ ...row(), ...({ sex: 'female', birth_date: '1970-01-01', ethnicity: '回族', name: '张三', phone: '13800138000', hukou_type: 'rural_nonlocal' } as object) } as SeekerRow);
    const text = JSON.stringify(f);
    for (const bad of ['female', '1970', '回族', '张三', '13800138000', 'rural']) expect(text).not.toContain(bad);
  });
});
