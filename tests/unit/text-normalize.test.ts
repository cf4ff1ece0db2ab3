import { describe, expect, it } from 'vitest';
import { normalize, toSimplified, stem } from '../../src/search/text/index.js';

describe('toSimplified', () => {
  it('when a Hong Kong or Taiwan user types 電工, it folds to 电工', () => {
    expect(toSimplified('電工')).toBe('电工');
    expect(toSimplified('會計師 餐廳服務員 衞生')).toBe('会计师 餐厅服务员 卫生');
  });

  it('when the text is already Simplified, it leaves words alone (程序员 stays 程序员)', () => {
    expect(toSimplified('程序员 软件工程师')).toBe('程序员 软件工程师');
  });

  it('when the text is ASCII, it returns it unchanged', () => {
    expect(toSimplified('Java developer')).toBe('Java developer');
  });
});

describe('normalize', () => {
  it('when a title is typed in full-width characters, it becomes half-width lower case', () => {
    expect(normalize('ＣＮＣ操作工１２３')).toBe('cnc操作工123');
  });

  it('collapses ideographic and repeated whitespace and trims', () => {
    expect(normalize('  電工　　Senior\tJAVA  ')).toBe('电工 senior java');
  });

  it('turns full-width punctuation into ASCII', () => {
    expect(normalize('保安（夜班）')).toBe('保安(夜班)');
  });

  it('returns an empty string for empty input', () => {
    expect(normalize('')).toBe('');
  });
});

describe('stem', () => {
  it('maps inflections of a job word onto one key', () => {
    expect(stem('welder')).toBe('weld');
    expect(stem('welders')).toBe('weld');
    expect(stem('welding')).toBe('weld');
    expect(stem('nurses')).toBe(stem('nursing'));
    expect(stem('companies')).toBe('company');
  });

  it('keeps -eer words and short words intact', () => {
    expect(stem('engineer')).toBe('engineer');
    expect(stem('engineers')).toBe('engineer');
    expect(stem('bus')).toBe('bus');
    expect(stem('business')).toBe('business');
  });
});
