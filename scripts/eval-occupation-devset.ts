/**
 * Evaluates the one coding step (codeVacancy) on the labelled development set of Chinese job titles
 * (tests/fixtures/occupations/dev-set.jsonl: real titles from ../shared/data/postings and common PES titles,
 * labelled to the 2022 classification and ISCO-08 with reasonable alternatives accepted; issue 18).
 *
 *   npx tsx scripts/eval-occupation-devset.ts            # figures for the tuning and the test part
 *   npx tsx scripts/eval-occupation-devset.ts --errors   # also list the TUNING part's misses (never the test part's)
 *
 * An abstention counts as a miss at every level; coverage is reported beside it.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeVacancy } from '../src/modules/occupations/index.js';

interface Item { title: string; source: string; cn: string[]; isco: string[]; split: 'tune' | 'test'; top50?: boolean }

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const items: Item[] = readFileSync(resolve(root, 'tests/fixtures/occupations/dev-set.jsonl'), 'utf8')
  .split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Item);
const showErrors = process.argv.includes('--errors');

const pct = (a: number, n: number) => (n ? (a / n).toFixed(3) : '-');
const major = (c: string) => c.split('-')[0];
const middle = (c: string) => c.split('-').slice(0, 2).join('-');

function evaluate(split: 'tune' | 'test') {
  const set = items.filter((i) => i.split === split);
  let coded = 0, maj = 0, mid = 0, det = 0, isco = 0;
  const errors: string[] = [];
  for (const it of set) {
    const r = codeVacancy({ title: it.title });
    const cn = r.cn2022?.code;
    if (r.status === 'coded') coded++;
    const okMaj = !!cn && it.cn.some((a) => major(a) === major(cn));
    const okMid = !!cn && it.cn.some((a) => middle(a) === middle(cn));
    const okDet = !!cn && it.cn.includes(cn);
    const okIsco = !!r.isco && it.isco.includes(r.isco.code);
    maj += +okMaj; mid += +okMid; det += +okDet; isco += +okIsco;
    if (!okDet || !okIsco) errors.push(`${it.title}\t→ ${cn ?? r.status} ${r.cn2022?.name ?? ''} / ${r.isco?.code ?? '-'} (want ${it.cn.join(',')} / ${it.isco.join(',')})`);
  }
  return { split, n: set.length, coverage: pct(coded, set.length), major: pct(maj, set.length), middle: pct(mid, set.length), detailed: pct(det, set.length), isco: pct(isco, set.length), errors };
}

const rows = [evaluate('tune'), evaluate('test')];
console.log('| part | n | coded (not abstained) | 2022 major group | 2022 middle group | 2022 detailed (alternatives accepted) | ISCO-08 unit group |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.split} | ${r.n} | ${r.coverage} | ${r.major} | ${r.middle} | ${r.detailed} | ${r.isco} |`);
const bySource = (split: string) => {
  for (const src of ['pes', 'lagou', 'zhaopin']) {
    const set = items.filter((i) => i.split === split && i.source === src);
    const det = set.filter((it) => { const r = codeVacancy({ title: it.title }); return !!r.cn2022 && it.cn.includes(r.cn2022.code); }).length;
    console.log(`  ${split} ${src}: n=${set.length} detailed=${pct(det, set.length)}`);
  }
};
bySource('tune'); bySource('test');
const top = items.filter((i) => i.top50);
const uncoded = top.filter((i) => codeVacancy({ title: i.title }).status !== 'coded').map((i) => i.title);
console.log(`\n50 most frequent PES titles: ${top.length - uncoded.length}/${top.length} get a code${uncoded.length ? ` (not: ${uncoded.join('、')})` : ''}`);
if (showErrors) {
  console.log('\nTuning-part misses:');
  for (const e of rows[0]!.errors) console.log('  ' + e);
}
