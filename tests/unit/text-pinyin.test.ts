import { describe, expect, it } from 'vitest';
import { pinyinOf, pinyinInitials, pinyinSyllables, searchTokens } from '../../src/search/text/index.js';

describe('pinyin', () => {
  it('gives full toneless pinyin joined without spaces: 电工 → diangong', () => {
    expect(pinyinOf('电工')).toBe('diangong');
    expect(pinyinSyllables('电工')).toEqual(['dian', 'gong']);
  });

  it('gives initials: 电工 → dg', () => {
    expect(pinyinInitials('电工')).toBe('dg');
  });

  it('keeps non-Chinese parts of mixed text', () => {
    expect(pinyinSyllables('CNC操作工')).toEqual(['cnc', 'cao', 'zuo', 'gong']);
    expect(pinyinInitials('CNC操作工')).toBe('cncczg');
  });

  it('reads polyphonic characters from context (银行 yinhang) and writes ü as v', () => {
    expect(pinyinOf('银行')).toBe('yinhang');
    expect(pinyinOf('绿化工')).toBe('lvhuagong');
  });

  it('works on Traditional input', () => {
    expect(pinyinOf('電工')).toBe('diangong');
  });
});

describe('searchTokens', () => {
  it('when a kiosk user types the initials dg, 电工 tokens include dg', () => {
    expect(searchTokens('电工')).toContain('dg');
  });

  it('when a kiosk user types diangong, 电工 tokens include diangong', () => {
    expect(searchTokens('电工')).toContain('diangong');
  });

  it('includes pinyin of each word of a longer title, not only of the whole', () => {
    const tokens = searchTokens('高级电工');
    expect(tokens).toEqual(expect.arrayContaining(['diangong', 'dg', 'gaojidiangong', 'gjdg']));
  });

  it('includes synonym equivalents so an English query finds a Chinese title', () => {
    expect(searchTokens('电工')).toContain('electrician');
    expect(searchTokens('电焊工')).toContain('weld');
  });

  it('does not add pinyin for overlapping search sub-words (办公室 gives no gs for 公室)', () => {
    expect(searchTokens('办公室文员')).not.toContain('gs');
  });
});
