import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  decodeContent,
  FatalImportError,
  foldHeader,
  mapHeader,
  mapHeaders,
  parseAmount,
  parseContractType,
  parseEducation,
  parseExperience,
  parseImportFile,
  parseSalaryRange,
  parseWageUnit,
  parseYesNo,
} from '../../src/modules/imports/import-parse.js';
import { validateRow } from '../../src/modules/imports/import-rows.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/imports/${name}`, import.meta.url));
const value = <T>(r: { ok: true; value: T } | { ok: false; message: string }) => (r.ok ? r.value : `ERR: ${r.message}`);

describe('header mapping', () => {
  it('maps Chinese and English headers to the same field', () => {
    expect(mapHeader('岗位名称')).toBe('title');
    expect(mapHeader('Title')).toBe('title');
    expect(mapHeader('统一社会信用代码')).toBe('creditCode');
    expect(mapHeader('credit_code')).toBe('creditCode');
    expect(mapHeader('薪资下限')).toBe('wageMin');
    expect(mapHeader('wageMax')).toBe('wageMax');
    expect(mapHeader('学历要求')).toBe('educationMin');
    expect(mapHeader('公益性岗位')).toBe('publicWelfare');
    expect(mapHeader('外部编号')).toBe('externalRef');
    expect(mapHeader('职业代码')).toBe('occupationCode');
  });

  it('ignores BOM, spaces, required-markers and units in brackets', () => {
    expect(foldHeader('\uFEFF 薪资下限（元）* ')).toBe('薪资下限');
    expect(mapHeader('\uFEFF岗位名称*')).toBe('title');
    expect(mapHeader('薪资上限(元/月)')).toBe('wageMax');
    expect(mapHeader('Wage Min')).toBe('wageMin');
  });

  it('unknown headers are ignored, not errors', () => {
    const m = mapHeaders(['岗位名称', '备注']);
    expect(m.fields).toEqual(['title', null]);
    expect(m.ignored).toEqual(['备注']);
  });

  it('a missing title column is fatal, with a bilingual message', () => {
    expect(() => mapHeaders(['单位名称', '招聘人数'])).toThrow(FatalImportError);
    try {
      mapHeaders(['单位名称']);
    } catch (e) {
      expect((e as FatalImportError).text.zh).toContain('岗位名称');
      expect((e as FatalImportError).text.en).toContain('title');
    }
  });

  it('two columns meaning the same field is fatal', () => {
    expect(() => mapHeaders(['岗位名称', 'title'])).toThrow(/both mean title/);
  });
});

describe('value parsing', () => {
  it('education (学历)', () => {
    expect(value(parseEducation('不限'))).toBe('none');
    expect(value(parseEducation('初中'))).toBe('junior_secondary');
    expect(value(parseEducation('高中'))).toBe('senior_secondary');
    expect(value(parseEducation('中专'))).toBe('vocational');
    expect(value(parseEducation('大专'))).toBe('associate');
    expect(value(parseEducation('本科及以上'))).toBe('bachelor');
    expect(value(parseEducation('本科以上'))).toBe('bachelor');
    expect(value(parseEducation('硕士'))).toBe('master');
    expect(value(parseEducation('博士'))).toBe('doctorate');
    expect(value(parseEducation('bachelor'))).toBe('bachelor');
    expect(parseEducation('研究生以下').ok).toBe(false);
  });

  it('wage unit (单位)', () => {
    expect(value(parseWageUnit('月'))).toBe('month');
    expect(value(parseWageUnit('日'))).toBe('day');
    expect(value(parseWageUnit('时'))).toBe('hour');
    expect(value(parseWageUnit('小时'))).toBe('hour');
    expect(value(parseWageUnit('年'))).toBe('year');
    expect(value(parseWageUnit('计件'))).toBe('piece');
    expect(value(parseWageUnit('元/月'))).toBe('month');
    expect(parseWageUnit('周').ok).toBe(false);
  });

  it('yes/no (是否)', () => {
    expect(value(parseYesNo('是'))).toBe(true);
    expect(value(parseYesNo('否'))).toBe(false);
    expect(value(parseYesNo('TRUE'))).toBe(true);
    expect(value(parseYesNo('no'))).toBe(false);
    expect(parseYesNo('也许').ok).toBe(false);
  });

  it('contract type, experience, amounts and salary ranges', () => {
    expect(value(parseContractType('全职'))).toBe('full_time');
    expect(value(parseContractType('兼职'))).toBe('part_time');
    expect(value(parseContractType('临时'))).toBe('temporary');
    expect(value(parseContractType('实习'))).toBe('internship');
    expect(value(parseContractType('灵活'))).toBe('flexible');
    expect(value(parseExperience('3-5年'))).toBe(3);
    expect(value(parseExperience('3年以上'))).toBe(3);
    expect(value(parseExperience('不限'))).toBe(0);
    expect(value(parseExperience('应届毕业生'))).toBe(0);
    expect(value(parseAmount('5,000元'))).toBe(5000);
    expect(value(parseAmount('1.5万'))).toBe(15000);
    expect(value(parseAmount('8k'))).toBe(8000);
    expect(value(parseSalaryRange('15k-30k'))).toEqual({ min: 15000, max: 30000 });
    expect(value(parseSalaryRange('10000-18000'))).toEqual({ min: 10000, max: 18000 });
    expect(value(parseSalaryRange('150-200元/天'))).toEqual({ min: 150, max: 200, unit: 'day' });
    expect(value(parseSalaryRange('面议'))).toEqual({ min: null, max: null });
  });
});

describe('encoding detection', () => {
  const text = '岗位名称,单位名称\n电工,示例\n';

  it('reads UTF-8 with and without BOM', () => {
    expect(decodeContent(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeContent(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({ text, encoding: 'utf-8' });
  });

  it('falls back to GB18030 when the bytes are not UTF-8', () => {
    expect(decodeContent(iconv.encode(text, 'gb18030'))).toEqual({ text, encoding: 'gb18030' });
  });

  it('honours an explicit encoding, and fails clearly when the bytes do not fit it', () => {
    expect(decodeContent(iconv.encode(text, 'gbk'), 'GBK').text).toBe(text);
    expect(() => decodeContent(iconv.encode(text, 'gb18030'), 'utf-8')).toThrow(/cannot be read as UTF-8/);
    expect(() => decodeContent(Buffer.from(text), 'latin1')).toThrow(/Unsupported encoding/);
  });

  it('binary that is neither UTF-8 nor GB18030 text is fatal', () => {
    const binary = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, 0xff, 0xfe]);
    expect(() => decodeContent(binary)).toThrow(FatalImportError);
  });
});

describe('files', () => {
  const ctx = (labels = {}) => ({ labels, districts: { codes: new Set(['440106', '440111']), byName: new Map([['天河区', '440106']]) } });

  it('a UTF-8 CSV with Chinese headers gives rows numbered as in the file (header = row 1)', () => {
    const f = parseImportFile(fixture('good-zh.csv'));
    expect(f.format).toBe('csv');
    expect(f.rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6]);
    expect(f.rows[0]!.values).toMatchObject({ title: '电工', headcount: '3', wageUnit: '月', externalRef: 'A-001' });
    const v = validateRow(f.rows[0]!, ctx(f.labels));
    expect(v.ok && v.value.prepared.fields).toMatchObject({ title: '电工', headcount: 3, wageMin: 5000, wageMax: 7000, educationMin: 'vocational', contractType: 'full_time', occupationSystem: 'cn2022' });
  });

  it('GB18030 and UTF-8 files give the same rows', () => {
    const gb = parseImportFile(fixture('good-gb18030.csv'));
    expect(gb.encoding).toBe('gb18030');
    expect(gb.rows[1]!.values.title).toBe('保洁员');
    expect(gb.rows[1]!.values.publicWelfare).toBe('是');
  });

  it('JSON with English keys', () => {
    const f = parseImportFile(fixture('vacancies.json'));
    expect(f.format).toBe('json');
    expect(f.rows[0]!.row).toBe(1);
    expect(f.rows[0]!.values.skills).toBe('收银,服务');
  });

  it('reports each problem with its row and field', () => {
    const f = parseImportFile(fixture('row-errors.csv'));
    const results = f.rows.map((r) => validateRow(r, ctx(f.labels)));
    const errs = results.flatMap((r) => (r.ok ? [] : r.errors));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(errs.find((e) => e.row === 3)).toMatchObject({ field: 'creditCode', column: '统一社会信用代码' });
    expect(errs.find((e) => e.row === 4)).toMatchObject({ field: 'wageMax' });
    expect(errs.find((e) => e.row === 5)).toMatchObject({ field: 'educationMin' });
    expect(errs.find((e) => e.row === 6)).toMatchObject({ field: 'requirements' });
    expect(errs.find((e) => e.row === 6)!.message).toContain('限男性');
  });

  it('broken quoting, missing title and empty files are fatal', () => {
    expect(() => parseImportFile(fixture('broken-quoting.csv'))).toThrow(FatalImportError);
    expect(() => parseImportFile(fixture('missing-title.csv'))).toThrow(/title/);
    expect(() => parseImportFile(fixture('empty.csv'))).toThrow(/empty/);
    expect(() => parseImportFile(Buffer.from('岗位名称\n'))).toThrow(/no rows/);
  });

  it('more than 50,000 rows is fatal', () => {
    const big = Buffer.from('岗位名称\n' + '电工\n'.repeat(50_001));
    expect(() => parseImportFile(big)).toThrow(/at most 50000 rows/);
  });
});

describe('row numbers', () => {
  it('count records as a spreadsheet shows them: blank lines keep their number, quoted line breaks do not add rows', () => {
    const f = parseImportFile(Buffer.from('岗位名称,岗位描述\n电工,"第一行\n第二行"\n\n焊工,焊接\n'));
    expect(f.rows.map((r) => [r.row, r.values.title])).toEqual([
      [2, '电工'],
      [4, '焊工'],
    ]);
  });

  it('a row with more cells than the header is a row error, not a fatal one', () => {
    const f = parseImportFile(Buffer.from('岗位名称,招聘人数\n电工,3\n焊工,2,多余\n'));
    expect(f.rows[1]!.problem).toMatchObject({ field: '*' });
  });
});

describe('occupation codes', () => {
  const ctx = { labels: {}, districts: { codes: new Set<string>(), byName: new Map<string, string>() } };
  const row = (values: Record<string, string>) => validateRow({ row: 2, values: { title: '电工', creditCode: '91440106MA5AAAAA1J', ...values } }, ctx);

  it('the classification is inferred from the code, or read from its column in Chinese or English', () => {
    const a = row({ occupationCode: '6-31-01-03' });
    expect(a.ok && a.value.prepared.fields).toMatchObject({ occupationSystem: 'cn2022', occupationCode: '6-31-01-03' });
    const b = row({ occupationCode: '7411', occupationSystem: 'ISCO-08' });
    expect(b.ok && b.value.prepared.fields).toMatchObject({ occupationSystem: 'isco' });
    expect(b.ok && b.value.prepared.derived.iscoUnit).toBe('7411');
    const c = row({ occupationCode: '6-31-01-03', occupationSystem: '职业分类大典' });
    expect(c.ok && c.value.prepared.fields.occupationSystem).toBe('cn2022');
    const d = row({ occupationCode: '7411', occupationSystem: 'SOC' });
    expect(!d.ok && d.errors[0]).toMatchObject({ field: 'occupationSystem' });
  });
});
