import { readFileSync } from 'node:fs';
import { segment, cutWords } from './segment.js';
import { normalize } from './normalize.js';

interface Index {
  groups: string[][];
  /** Per group, each member as one token: words joined (Chinese) or space-joined (English). */
  keys: string[][];
  /** key → ids of the groups it belongs to. */
  byKey: Map<string, number[]>;
  /** Members written with Chinese characters, matched as substrings of whole texts. */
  han: { text: string; group: number }[];
  maxWindow: number;
}

let index: Index | undefined;

function load(): Index {
  if (index) return index;
  // Read at first use rather than imported, so the data stays editable JSON without
  // import attributes and costs nothing for callers that never expand synonyms.
  const raw = JSON.parse(readFileSync(new URL('./synonyms.json', import.meta.url), 'utf8')) as { groups: string[][] };
  const groups = raw.groups.map((g) => g.map((m) => normalize(m)).filter(Boolean));
  const byKey = new Map<string, number[]>();
  const han: Index['han'] = [];
  let maxWindow = 1;
  const keys = groups.map((g, gi) =>
    g.map((member) => {
      // Matching uses the member exactly as segment() would emit it inside a text.
      const toks = segment(member);
      const isHan = /\p{Script=Han}/u.test(member);
      maxWindow = Math.max(maxWindow, toks.length);
      // Search mode emits sub-words first (驾驶 驾驶员), so a Chinese member is also
      // registered as the single token jieba usually produces for it (驾驶员).
      const matchKeys = isHan ? [toks.join(' '), member.replace(/\s+/g, '')] : [toks.join(' ')];
      for (const matchKey of matchKeys) {
        const list = byKey.get(matchKey) ?? [];
        if (!list.includes(gi)) list.push(gi);
        byKey.set(matchKey, list);
      }
      if (isHan) han.push({ text: member.replace(/\s+/g, ''), group: gi });
      // Output uses one readable token: 维修电工, "software develop" (stemmed like segment()).
      return cutWords(member).join(isHan ? '' : ' ');
    }),
  );
  index = { groups, keys, byKey, han, maxWindow };
  return index;
}

/** The synonym groups as written in synonyms.json (normalised), e.g. for Meilisearch. */
export function synonymGroups(): string[][] {
  return load().groups.map((g) => [...g]);
}

/** Meilisearch's `synonyms` setting shape: every member maps to all other members. */
export function synonymMap(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const g of load().groups) {
    for (const m of g) out[m] = [...new Set([...(out[m] ?? []), ...g.filter((x) => x !== m)])];
  }
  return out;
}

/** Ids of the groups matched by a token list (single tokens and adjacent windows). */
function matchGroups(tokens: string[], text?: string): Set<number> {
  const idx = load();
  const hit = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    let key = '';
    for (let n = 0; n < idx.maxWindow && i + n < tokens.length; n++) {
      key = n === 0 ? tokens[i] : `${key} ${tokens[i + n]}`;
      for (const g of idx.byKey.get(key) ?? []) hit.add(g);
    }
  }
  if (text) {
    const compact = normalize(text).replace(/\s+/g, '');
    for (const h of idx.han) if (compact.includes(h.text)) hit.add(h.group);
  }
  return hit;
}

/**
 * Returns the tokens followed by the equivalents of every synonym group they hit, each
 * member as one token (维修电工; English words stemmed like segment(), space-joined:
 * "software develop"),
 * without duplicates. Pass `text` (the original string) to also match Chinese members that
 * segmentation split differently, by substring.
 */
export function expandSynonyms(tokens: string[], text?: string): string[] {
  const idx = load();
  const out = new Set(tokens);
  for (const g of matchGroups(tokens, text)) for (const k of idx.keys[g]) out.add(k);
  return [...out];
}
