import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { machine, table } from './lib.js';

/**
 * Every benchmark records its headline figures here (artifacts/bench/<bench>.json), each beside
 * its target and its same-run baseline, so `npm run bench -- summary` (and `-- all`) can print
 * one table of every figure against every target.
 */
export interface Figure {
  /** What was measured, e.g. "kiosk search p99 at 50 connections". */
  measure: string;
  /** The result with its unit, e.g. "48 ms". */
  value: string;
  /** The target from the issue, e.g. "≤ 50 ms"; empty for figures without one. */
  target: string;
  /** null when there is no target. */
  met: boolean | null;
  /** The baseline measured in the same run, e.g. "pgbench 154 tps" or "COPY 95 ms (32.7×)". */
  baseline?: string;
}

const DIR = 'artifacts/bench';

export function recordFigures(bench: string, command: string, figures: Figure[]): void {
  mkdirSync(DIR, { recursive: true });
  const load = loadavg().map((x) => x.toFixed(1)).join(' ');
  const record = { bench, command, measuredAt: new Date().toISOString(), machine: machine(), loadAverage: load, figures };
  writeFileSync(`${DIR}/${bench}.json`, `${JSON.stringify(record, null, 2)}\n`);
}

export function summaryTable(): string {
  let files: string[] = [];
  try {
    files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
  } catch {
    /* no results yet */
  }
  if (!files.length) return 'No benchmark results yet: run `npm run bench -- all` (or one: search, freshness, import, matching, wage-guidance, supply-demand).';
  const rows: string[][] = [['benchmark', 'measure', 'result', 'target', 'met', 'baseline (same run)', 'measured (UTC), load avg']];
  for (const f of files) {
    const r = JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8')) as { bench: string; measuredAt: string; loadAverage: string; figures: Figure[] };
    for (const x of r.figures) {
      rows.push([r.bench, x.measure, x.value, x.target || '—', x.met === null ? '—' : x.met ? 'met' : 'MISSED', x.baseline ?? '', `${r.measuredAt.slice(0, 16).replace('T', ' ')}, ${r.loadAverage}`]);
    }
  }
  return table(rows);
}
