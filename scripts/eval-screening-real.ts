/**
 * Precision and recall per category of the screening engine on real postings labelled by hand for issue 18
 * (tests/fixtures/screening/real-labelled-issue18.jsonl: every distinct requirements text of
 * ../shared/data/postings/zhaopin_python_jobs_2018.csv and 250 distinct "position advantage" texts of
 * lagou_data_jobs.csv, seeded sample). Kept apart from the rules' own tests; the rules were not changed after
 * this set was labelled.
 *
 *   npx tsx scripts/eval-screening-real.ts
 *
 * A text is predicted in a category when the engine reports an open block or review finding of it (hints never count).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { argv } from 'node:process';
import { CATEGORIES, screenVacancy, type Category } from '../src/modules/screening/index.js';

interface Case { id: string; source: string; title: string; text: string; labels: Category[] }
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cases: Case[] = readFileSync(resolve(root, 'tests/fixtures/screening/real-labelled-issue18.jsonl'), 'utf8')
  .split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Case);

/** Obfuscated and real-world wordings named in issue 18 (handwritten probes, not real postings). */
const PROBES: Array<[Category, string]> = [
  ['household_registration', '限本地户\u200b口'],
  ['ethnicity_race', '限汉\u200b族'],
  ['disability', '残\u200b疾人勿扰'],
  ['household_registration', '不招河 南人'],
  ['household_registration', '限本地戶口'],
  ['age', '年龄三十五岁以下'],
  ['age', '年龄18--35岁'],
  ['age', '年龄18——35岁'],
  ['age', '年龄18－－35岁'],
  ['age', '18～35周岁'],
  ['age', '年龄二十至三十五岁'],
  ['sex', '身高：男170cm以上，女160cm以上'],
  ['sex', '男35岁以下，女30岁以下'],
  ['appearance_height', '女165以上'],
  ['appearance_height', '外形靓丽'],
  ['appearance_height', '身材高挑'],
];

export function realSetReport(): { markdown: string; lines: string[] } {
  const tp = new Map<Category, number>(), fp = new Map<Category, number>(), fn = new Map<Category, number>();
  const inc = (m: Map<Category, number>, k: Category) => m.set(k, (m.get(k) ?? 0) + 1);
  const notes: string[] = [];
  let flaggedClean = 0;
  for (const c of cases) {
    const findings = screenVacancy({ title: c.title, description: c.text });
    const pred = new Set(findings.filter((f) => f.status === 'open' && f.severity !== 'hint').map((f) => f.category));
    const gold = new Set(c.labels);
    for (const k of CATEGORIES) {
      if (pred.has(k) && gold.has(k)) inc(tp, k);
      else if (pred.has(k)) {
        inc(fp, k);
        notes.push(`FP ${k} ${c.id}: ${findings.filter((f) => f.category === k).map((f) => `«${f.span.text}»`).join(' ')}`);
      } else if (gold.has(k)) {
        inc(fn, k);
        notes.push(`FN ${k} ${c.id}: ${c.text.slice(0, 60).replace(/\s+/g, ' ')}…`);
      }
    }
    if (!gold.size && pred.size) flaggedClean++;
  }
  const f3 = (x: number) => x.toFixed(3);
  const lines: string[] = [];
  lines.push(`cases: ${cases.length} (zhaopin ${cases.filter((c) => c.source === 'zhaopin').length}, lagou ${cases.filter((c) => c.source === 'lagou').length}); labelled positive: ${cases.filter((c) => c.labels.length).length}`);
  lines.push('', '| category | labelled | TP | FP | FN | precision | recall |', '|---|---|---|---|---|---|---|');
  for (const k of CATEGORIES) {
    const t = tp.get(k) ?? 0, p = fp.get(k) ?? 0, n = fn.get(k) ?? 0;
    lines.push(`| ${k} | ${t + n} | ${t} | ${p} | ${n} | ${t + p ? f3(t / (t + p)) : '-'} | ${t + n ? f3(t / (t + n)) : '-'} |`);
  }
  const negatives = cases.filter((c) => !c.labels.length).length;
  lines.push('', `Clean texts flagged (false alarms): ${flaggedClean} of ${negatives} (${f3(flaggedClean / negatives)}).`);
  if (notes.length) lines.push('', ...notes.map((n) => `- ${n}`));
  lines.push('', '**Issue 18 probes** (handwritten wordings from the issue, each a unit test in tests/unit/screening-gate.test.ts):', '', '| wording | expected | flagged |', '|---|---|---|');
  let hit = 0;
  for (const [k, text] of PROBES) {
    const got = screenVacancy({ title: '', description: text }).some((f) => f.status === 'open' && f.severity !== 'hint' && f.category === k);
    hit += +got;
    lines.push(`| ${JSON.stringify(text).slice(1, -1)} | ${k} | ${got ? 'yes' : '**no**'} |`);
  }
  lines.push('', `Probes flagged: ${hit} of ${PROBES.length}.`);
  return { markdown: lines.join('\n'), lines };
}

if (argv[1] && fileURLToPath(import.meta.url) === resolve(argv[1])) console.log(realSetReport().markdown);
