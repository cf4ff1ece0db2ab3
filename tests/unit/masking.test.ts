import { describe, expect, it } from 'vitest';
import { ageBand, ageOn, maskName, maskPhone } from '../../src/lib/masking.js';

describe('masked names', () => {
  it('keeps a single-character surname and always shows two stars', () => {
    expect(maskName('张三')).toBe('张**');
    expect(maskName('张小明')).toBe('张**');
    expect(maskName('张')).toBe('张**');
  });
  it('keeps a compound surname whole', () => {
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
    expect(maskName('司马光')).toBe('司马**');
  });
  it('does not treat a two-character name as a compound surname', () => {
    expect(maskName('欧阳')).toBe('欧**');
  });
  it('masks each word of a name in Latin letters after its initial', () => {
    expect(maskName('John Smith')).toBe('J*** S****');
    expect(maskName('  Li  ')).toBe('L*');
  });
  it('masks names with a middle dot by the first character', () => {
    expect(maskName('买买提·艾力')).toBe('买**');
  });
  it('gives a placeholder for an empty name', () => {
    expect(maskName('')).toBe('**');
    expect(maskName(null)).toBe('**');
  });
  it('never contains the given name', () => {
    for (const n of ['王小二', '诸葛亮', 'Mary Jane Watson']) {
      const masked = maskName(n);
      expect(masked).not.toContain(n.slice(-1));
    }
  });
});

describe('masked phone numbers', () => {
  it('shows the first 3 and last 4 digits of a mobile', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('138 0013 8000')).toBe('138****8000');
    expect(maskPhone('+86 138-0013-8000')).toBe('138****8000');
  });
  it('masks a landline the same way', () => {
    expect(maskPhone('020-83381234')).toBe('020****1234');
  });
  it('fully masks short numbers and keeps null as null', () => {
    expect(maskPhone('12345')).toBe('*****');
    expect(maskPhone(null)).toBeNull();
  });
});

describe('age bands', () => {
  const on = new Date('2026-06-15T12:00:00Z');
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('2000-06-15', on)).toBe(26);
    expect(ageOn('2000-06-16', on)).toBe(25);
  });
  it('puts ages into coarse bands', () => {
    expect(ageBand('2008-01-01', on)).toBe('16-24');
    expect(ageBand('1995-01-01', on)).toBe('25-34');
    expect(ageBand('1985-01-01', on)).toBe('35-44');
    expect(ageBand('1975-01-01', on)).toBe('45-54');
    expect(ageBand('1960-01-01', on)).toBe('55+');
    expect(ageBand('2015-01-01', on)).toBe('under-16');
  });
});
