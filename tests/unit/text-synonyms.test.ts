import { describe, expect, it } from 'vitest';
import { expandSynonyms, segment, synonymGroups, synonymMap } from '../../src/search/text/index.js';

describe('synonyms', () => {
  it('ships at least 40 groups, no term in two groups', () => {
    const groups = synonymGroups();
    expect(groups.length).toBeGreaterThanOrEqual(40);
    const all = groups.flat();
    expect(new Set(all).size).toBe(all.length);
  });

  it('expands 普工 to 操作工 and 生产工人', () => {
    expect(expandSynonyms(['普工'])).toEqual(expect.arrayContaining(['普工', '操作工', '生产工人']));
  });

  it('expands 司机 to 驾驶员 and back', () => {
    expect(expandSynonyms(['司机'])).toContain('驾驶员');
    expect(expandSynonyms(['驾驶员'])).toContain('司机');
  });

  it('expands across languages: cashier → 收银员, checkout operator', () => {
    const out = expandSynonyms(segment('cashier'));
    expect(out).toContain('收银员');
    expect(out).toContain('checkout operator');
  });

  it('matches multi-word English members from adjacent tokens', () => {
    expect(expandSynonyms(segment('Software Developer'))).toContain('程序员');
  });

  it('matches a Chinese member that segmentation splits, when the text is given', () => {
    expect(expandSynonyms(segment('办公室文员'), '办公室文员')).toContain('行政助理');
  });

  it('leaves tokens without synonyms unchanged', () => {
    expect(expandSynonyms(['宇航员'])).toEqual(['宇航员']);
  });

  it('gives Meilisearch a map from every member to the others', () => {
    const map = synonymMap();
    expect(map['电工']).toEqual(expect.arrayContaining(['electrician']));
    expect(map['电工']).not.toContain('电工');
  });
});
