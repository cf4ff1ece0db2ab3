/**
 * Builds the compact taxonomy seed files in seeds/taxonomy/ from the reference data in
 * ../shared/data (relative to the project root). Run: `npx tsx seeds/taxonomy/build.ts`.
 *
 * Output is deterministic (sorted, stable key order) so a rebuild produces no diff unless
 * the source changed. See seeds/taxonomy/README.md for what is trimmed and why.
 */
import { readFileSync, writeFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const DATA = resolve(ROOT, '..', 'shared', 'data');
// Every committed seed file must stay below this (repository policy).
const MAX_BYTES = 2_500_000;

type Row = Record<string, string>;

function readCsv(rel: string): Row[] {
  return parse(readFileSync(join(DATA, rel)), {
    columns: true,
    skip_empty_lines: true,
    relax_quotes: true,
  }) as Row[];
}

/** ESCO URIs all share a long prefix; the last path segment (a UUID) is the stable id. */
export function shortId(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

function splitAlt(cell: string | undefined): string[] {
  if (!cell) return [];
  const seen = new Set<string>();
  for (const raw of cell.split(/\r?\n/)) {
    const v = raw.replace(/\s+/g, ' ').trim();
    if (v) seen.add(v);
  }
  return [...seen];
}

function write(name: string, value: unknown): number {
  const file = join(HERE, name);
  // One record per line: small diffs, still valid JSON.
  const body = Array.isArray(value)
    ? '[\n' + value.map((v) => JSON.stringify(v)).join(',\n') + '\n]\n'
    : JSON.stringify(value) + '\n';
  writeFileSync(file, body);
  const size = statSync(file).size;
  if (size >= MAX_BYTES) throw new Error(`${name} is ${size} bytes, over the ${MAX_BYTES} limit`);
  console.log(`${name}: ${Array.isArray(value) ? value.length + ' rows, ' : ''}${(size / 1024).toFixed(0)} KiB`);
  return size;
}

// --- ISCO groups -------------------------------------------------------------------------
export interface IscoGroup { code: string; label: string }
function buildIsco(): IscoGroup[] {
  return readCsv('esco/isco_groups_en.csv')
    .map((r) => ({ code: r.code.trim(), label: r.preferredLabel.trim() }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

// --- ESCO occupations --------------------------------------------------------------------
export interface EscoOccupation { id: string; iscoGroup: string; code: string; label: string; altLabels: string[] }
function buildOccupations(): EscoOccupation[] {
  return readCsv('esco/occupations_en.csv')
    .map((r) => {
      const label = r.preferredLabel.trim();
      return {
        id: shortId(r.conceptUri),
        iscoGroup: r.iscoGroup.trim(),
        code: r.code.trim(),
        label,
        // The preferred label is repeated inside altLabels in this release; drop the copy.
        altLabels: splitAlt(r.altLabels).filter((a) => a !== label),
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code) || a.id.localeCompare(b.id));
}

// --- Chinese classification 2022 ---------------------------------------------------------
export interface CnOccupation { code: string; gbm: string | null; name: string; level: number; parent: string | null }
interface CnNode { seq: string; gbm?: string; name: string; level: number; children?: CnNode[] }
function buildCn(): CnOccupation[] {
  const raw = JSON.parse(readFileSync(join(DATA, 'cn', 'occupations_2022.json'), 'utf8')) as { data: CnNode[] };
  const out: CnOccupation[] = [];
  const walk = (n: CnNode, parent: string | null) => {
    out.push({
      code: n.seq.trim(),
      gbm: n.gbm?.trim() || null,
      // OCR output sometimes carries stray spaces inside names.
      name: n.name.replace(/\s+/g, '').trim(),
      level: n.level,
      parent,
    });
    for (const c of n.children ?? []) walk(c, n.seq.trim());
  };
  for (const n of raw.data) walk(n, null);
  return out;
}

// --- ESCO skills + relations -------------------------------------------------------------
export interface EscoSkill { id: string; label: string; altLabels: string[] }
// Alternative labels kept per skill; the full lists make the file ~4.5 MB.
const SKILL_ALT_LIMIT = 3;

function buildSkills(occIds: Set<string>) {
  const rel = readCsv('esco/occupation_skill_relations.csv');
  const referenced = new Set<string>();
  for (const r of rel) if (occIds.has(shortId(r.occupationUri))) referenced.add(shortId(r.skillUri));

  const skills: EscoSkill[] = readCsv('esco/skills_en.csv')
    .map((r) => {
      const label = r.preferredLabel.trim();
      const alts = splitAlt(r.altLabels).filter((a) => a !== label);
      // Prefer the shortest alternatives: they are the ones people type as free text.
      alts.sort((a, b) => a.length - b.length || a.localeCompare(b));
      return {
        id: shortId(r.conceptUri),
        label,
        altLabels: alts.slice(0, SKILL_ALT_LIMIT),
      };
    })
    .filter((s) => referenced.has(s.id))
    .sort((a, b) => a.id.localeCompare(b.id));

  const index = new Map(skills.map((s, i) => [s.id, i] as const));
  const byOcc = new Map<string, { e: number[]; o: number[] }>();
  for (const r of rel) {
    const occ = shortId(r.occupationUri);
    const si = index.get(shortId(r.skillUri));
    if (si === undefined || !occIds.has(occ)) continue;
    let entry = byOcc.get(occ);
    if (!entry) byOcc.set(occ, (entry = { e: [], o: [] }));
    (r.relationType === 'essential' ? entry.e : entry.o).push(si);
  }
  // Skill references are positions in the esco-skills.json array, which keeps this
  // file at ~0.8 MB instead of ~4.6 MB with UUIDs. Both files are always built together.
  const relations: Record<string, { e: number[]; o: number[] }> = {};
  for (const occ of [...byOcc.keys()].sort()) {
    const v = byOcc.get(occ)!;
    relations[occ] = { e: [...new Set(v.e)].sort((a, b) => a - b), o: [...new Set(v.o)].sort((a, b) => a - b) };
  }
  return { skills, relations, relationCount: rel.length };
}

function main() {
  const isco = buildIsco();
  const occ = buildOccupations();
  const cn = buildCn();
  write('isco-groups.json', isco);
  write('esco-occupations.json', occ);
  write('cn-occupations.json', cn);
  const { skills, relations } = buildSkills(new Set(occ.map((o) => o.id)));
  write('esco-skills.json', skills);
  write('occupation-skills.json', relations);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
