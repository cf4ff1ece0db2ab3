import { readFileSync } from 'node:fs';

/**
 * The 2022 classification ↔ ISCO-08 crosswalk (seeds/taxonomy/cn2022-isco08.tsv, hand-made, issue 18) and
 * the team's Chinese names of the 619 ISCO-08 groups (seeds/taxonomy/isco-groups-zh.json). Both are small
 * and read once on first use.
 */
const SEEDS = new URL('../../../../seeds/taxonomy/', import.meta.url);

export interface CrosswalkRow {
  cn2022: string;
  isco: string;
  /** own: decided for this occupation; group: inherited from its small group. */
  via: 'own' | 'group';
  name: string;
}

let rows: Map<string, CrosswalkRow> | undefined;
let reverse: Map<string, CrosswalkRow[]> | undefined;
let iscoZh: Record<string, string> | undefined;

function load(): Map<string, CrosswalkRow> {
  if (rows) return rows;
  rows = new Map();
  for (const line of readFileSync(new URL('cn2022-isco08.tsv', SEEDS), 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [cn2022, isco, via, name] = line.split('\t');
    if (!cn2022 || !isco) continue;
    rows.set(cn2022, { cn2022, isco, via: via === 'own' ? 'own' : 'group', name: name ?? '' });
  }
  return rows;
}

/** Every crosswalk row (one per 2022 small group and detailed occupation). */
export function crosswalkRows(): CrosswalkRow[] {
  return [...load().values()];
}

/**
 * The ISCO-08 unit group of a 2022 code: a detailed occupation or small group directly; a middle or
 * major group has no single unit group (undefined).
 */
export function iscoForCn2022(code: string | null | undefined): string | undefined {
  if (!code) return undefined;
  return load().get(code.trim())?.isco;
}

/** 2022 codes that map to an ISCO-08 unit group: detailed occupations decided for it first, then the rest. */
export function cn2022ForIsco(isco: string): CrosswalkRow[] {
  if (!reverse) {
    reverse = new Map();
    for (const r of load().values()) {
      if (r.cn2022.split('-').length !== 4) continue;
      const list = reverse.get(r.isco) ?? [];
      list.push(r);
      reverse.set(r.isco, list);
    }
    for (const list of reverse.values()) list.sort((a, b) => (a.via === b.via ? a.cn2022.localeCompare(b.cn2022) : a.via === 'own' ? -1 : 1));
  }
  return reverse.get(isco) ?? [];
}

/** The team's Chinese name of an ISCO-08 group (1 to 4 digits). */
export function iscoNameZh(code: string): string | undefined {
  iscoZh ??= JSON.parse(readFileSync(new URL('isco-groups-zh.json', SEEDS), 'utf8')) as Record<string, string>;
  return iscoZh[code];
}

export function allIscoNamesZh(): Record<string, string> {
  iscoNameZh('0');
  return { ...iscoZh! };
}
