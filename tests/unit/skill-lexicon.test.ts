import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { loadZhSkillMap, compact } from '../../src/modules/occupations/coder/zh-skills.js';

// The lexicon is hand-made; these checks keep typos in URIs or labels from reaching the matcher.
// The full ESCO file sits beside the repository on development machines (../shared/data, not
// shipped); the seeded subset (seeds/taxonomy) is always there.
const ESCO = new URL('../../../shared/data/esco/skills_en.csv', import.meta.url);
const SEEDED = new URL('../../seeds/taxonomy/esco-skills.json', import.meta.url);

describe('zh-skill-map.json (Chinese → ESCO skill lexicon)', () => {
  const entries = loadZhSkillMap();
  const fullEsco = existsSync(ESCO);
  const rows = fullEsco ? (parse(readFileSync(ESCO), { columns: true, bom: true }) as { conceptUri: string; preferredLabel: string }[]) : [];
  const preferred = new Map(rows.map((r) => [r.conceptUri, r.preferredLabel.trim()] as const));
  const seeded = new Map((JSON.parse(readFileSync(SEEDED, 'utf8')) as { id: string; label: string }[]).map((s) => [s.id, s.label.trim()] as const));
  const idOf = (uri: string) => uri.slice(uri.lastIndexOf('/') + 1);

  it('every skill the seeded ESCO subset has carries its preferred label there; nearly all skills are seeded', () => {
    const inSeed = entries.filter((e) => seeded.has(idOf(e.uri)));
    expect(inSeed.length).toBeGreaterThan(entries.length * 0.9);
    const bad = inSeed.filter((e) => seeded.get(idOf(e.uri)) !== e.label).map((e) => `${e.uri} "${e.label}" ≠ "${seeded.get(idOf(e.uri))}"`);
    expect(bad).toEqual([]);
  });

  it('has a few hundred terms over about two hundred skills', () => {
    expect(entries.length).toBeGreaterThan(150);
    expect(entries.flatMap((e) => e.terms).length).toBeGreaterThan(500);
  });

  it.skipIf(!fullEsco)('every URI exists in ../shared/data/esco/skills_en.csv, and label is its preferred label (skipped: no ../shared/data)', () => {
    const bad = entries.filter((e) => preferred.get(e.uri) !== e.label).map((e) => `${e.uri} "${e.label}" ≠ "${preferred.get(e.uri)}"`);
    expect(bad).toEqual([]);
  });

  it('maps each skill once and each term to one skill', () => {
    expect(new Set(entries.map((e) => e.uri)).size).toBe(entries.length);
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const e of entries) {
      expect(e.terms.length).toBeGreaterThan(0);
      for (const t of e.terms) {
        const key = compact(t);
        expect(key, `term "${t}" of ${e.label} normalises to nothing`).not.toBe('');
        // Spelling variants of one term may share a key ("sql server", "SQLServer"): the
        // spaced one is what is found inside longer text.
        if (seen.has(key) && seen.get(key) !== e.label) clashes.push(`${t}: ${seen.get(key)} / ${e.label}`);
        seen.set(key, e.label);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('leaves out words too vague to name one skill', () => {
    const terms = new Set(entries.flatMap((e) => e.terms.map(compact)));
    for (const vague of ['数据', '产品', '运营', '分析', '市场', '服务', '管理', '技术', '插件', '监控']) expect(terms.has(vague), vague).toBe(false);
  });
});
