import { describe, expect, it } from 'vitest';
import { createOccupationCoder, type CoderData } from '../../src/modules/occupations/coder/index.js';

// A small hand-made taxonomy so these tests pin the method, not the ESCO release.
const data: CoderData = {
  iscoGroups: [
    { code: '7212', label: 'Welders and flamecutters' },
    { code: '7411', label: 'Building and related electricians' },
    { code: '2411', label: 'Accountants' },
    { code: '3313', label: 'Accounting associate professionals' },
    { code: '2512', label: 'Software developers' },
  ],
  escoOccupations: [
    { id: 'w1', iscoGroup: '7212', code: '7212.1', label: 'welder', altLabels: ['pipe welder', 'arc welder'] },
    { id: 'e1', iscoGroup: '7411', code: '7411.1', label: 'electrician', altLabels: ['building electrician'] },
    { id: 'a1', iscoGroup: '2411', code: '2411.1', label: 'accountant', altLabels: ['chartered accountant'] },
    { id: 'a2', iscoGroup: '3313', code: '3313.1', label: 'accounting assistant', altLabels: ['junior accountant'] },
    { id: 's1', iscoGroup: '2512', code: '2512.4', label: 'software developer', altLabels: ['programmer'] },
  ],
  cnOccupations: [
    { code: '6-18-02-04', gbm: null, name: '焊工', level: 4, parent: '6-18-02' },
    { code: '6-31-01-03', gbm: null, name: '电工', level: 4, parent: '6-31-01' },
    { code: '2-06-03-00', gbm: null, name: '会计专业人员', level: 4, parent: '2-06-03' },
  ],
  zhMap: [
    { keywords: ['焊工', '电焊'], isco: '7212', cn: '6-18-02-04' },
    { keywords: ['会计'], isco: '2411', cn: '2-06-03-00' },
    { keywords: ['会计助理'], isco: '3313', cn: '2-06-03-00' },
    { keywords: ['开发'], isco: '2512', generic: true },
  ],
  escoSkills: [
    { id: 'k1', label: 'weld metal parts', altLabels: ['welding'] },
    { id: 'k2', label: 'Python (computer programming)', altLabels: ['python'] },
    { id: 'k3', label: 'use welding equipment', altLabels: [] },
  ],
  occupationSkills: { w1: { e: [0, 2], o: [] }, s1: { e: [1], o: [0] } },
};

const coder = createOccupationCoder(data);
const isco = (title: string) => coder.code(title, { k: 3 }).filter((c) => c.system === 'isco');
const cn = (title: string) => coder.code(title, { k: 3 }).filter((c) => c.system === 'cn2022');

describe('createOccupationCoder (small data)', () => {
  it('codes an English title to the ISCO group of the best-matching label', () => {
    const [top] = isco('Pipe welders');
    expect(top).toMatchObject({ code: '7212', label: 'Welders and flamecutters', occupationId: 'w1', matched: 'pipe welder' });
    expect(top.confidence).toBeGreaterThan(0.5);
    expect(top.confidence).toBeLessThanOrEqual(1);
  });

  it('strips seniority words but keeps assistant: "Senior accounting assistant" is 3313, not 2411', () => {
    expect(isco('Senior accounting assistant')[0].code).toBe('3313');
    expect(isco('Senior accountant')[0].code).toBe('2411');
  });

  it('codes a Chinese title through the keyword table, longest keyword first: 会计助理 → 3313', () => {
    expect(isco('会计助理')[0]).toMatchObject({ code: '3313', matched: '会计助理' });
    expect(isco('会计助理').map((c) => c.code)).toContain('2411');
  });

  it('gives a Chinese 2022 code for a Chinese title', () => {
    expect(cn('急招电焊工')[0]).toMatchObject({ system: 'cn2022', code: '6-18-02-04', label: '焊工' });
  });

  it('finds the Chinese occupation by characters when no keyword matches', () => {
    expect(cn('维修电工')[0]).toMatchObject({ code: '6-31-01-03', label: '电工' });
  });

  it('lets a generic keyword lose to nothing else but still code alone: 软件开发 → 2512', () => {
    expect(isco('软件开发')[0].code).toBe('2512');
  });

  it('returns an empty list for an empty title and for nonsense', () => {
    expect(coder.code('   ')).toEqual([]);
    expect(coder.code('qwzx')).toEqual([]);
  });

  it('respects k', () => {
    expect(coder.code('welder accountant electrician', { k: 2 })).toHaveLength(2);
  });
});

describe('mapSkills (small data)', () => {
  it('maps exact labels and alternative labels with confidence 1', () => {
    expect(coder.mapSkills(['Python', 'Welding'])).toEqual([
      { input: 'Python', skillId: 'k2', label: 'Python (computer programming)', confidence: 1 },
      { input: 'Welding', skillId: 'k1', label: 'weld metal parts', confidence: 1 },
    ]);
  });

  it('maps a partial match with lower confidence and refuses unrelated text', () => {
    const [partial, none] = coder.mapSkills(['welding equipment', 'juggling']);
    expect(partial.skillId).toBe('k3');
    expect(partial.confidence).toBeGreaterThan(0.35);
    expect(partial.confidence).toBeLessThan(1);
    expect(none).toEqual({ input: 'juggling', skillId: null, label: null, confidence: 0 });
  });
});

describe('impliedSkills (small data)', () => {
  it('lists the essential skills of an ESCO occupation, by id or URI', () => {
    const ids = coder.impliedSkills('w1').map((s) => s.skillId).sort();
    expect(ids).toEqual(['k1', 'k3']);
    expect(coder.impliedSkills('http://data.europa.eu/esco/occupation/s1').map((s) => s.skillId)).toEqual(['k2']);
  });

  it('lists essential skills of an ISCO group with the share of its occupations needing them', () => {
    expect(coder.impliedSkills('2512')).toEqual([{ skillId: 'k2', label: 'Python (computer programming)', share: 1 }]);
  });

  it('returns nothing for an unknown occupation', () => {
    expect(coder.impliedSkills('nope')).toEqual([]);
  });
});
