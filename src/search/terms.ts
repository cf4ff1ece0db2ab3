import type postgres from 'postgres';
import { cutWords, expandSynonyms, hasHan, normalize, pinyinOf, pinyinUnits } from './text/index.js';

/**
 * The term index of the Postgres engine (docs/adr/0160): distinct titles, employers, occupations
 * and seeker skills, each spelt from every word or syllable start in characters, full pinyin and
 * initials. A keystroke is answered from the terms first (index range scans over a small table),
 * then from the newest documents of the best terms, so the work per query is bounded by the page
 * and not by how many documents a broad prefix matches.
 */
export type TermKind = 't' | 'e' | 'o' | 's';

export interface TermSource {
  kind: TermKind;
  key: string;
  label: string;
}

const MAX_POSITIONS = 16;
const MAX_FORM = 64;

interface FormRow { kind: TermKind; key: string; label: string; ftype: 'c' | 'p' | 'i'; pos: number; form: string }

/** Every spelling of a label from every start: 电工学徒 → 电工学徒, 工学徒 …; diangongxuetu, gongxuetu …; dgxt, gxt … */
export function termForms(t: TermSource): FormRow[] {
  const out: FormRow[] = [];
  const text = normalize(t.label).slice(0, MAX_FORM * 2);
  const add = (ftype: FormRow['ftype'], pos: number, form: string) => {
    if (form && pos < MAX_POSITIONS) out.push({ kind: t.kind, key: t.key, label: t.label, ftype, pos, form: form.slice(0, MAX_FORM) });
  };
  // Characters: from every Chinese character and every start of a Latin or digit word.
  let pos = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const prev = i > 0 ? text[i - 1]! : ' ';
    if (/\p{Script=Han}/u.test(ch) || (/[\p{L}\p{N}]/u.test(ch) && !/[\p{L}\p{N}]/u.test(prev)) || (/[\p{L}\p{N}]/u.test(ch) && /\p{Script=Han}/u.test(prev))) {
      add('c', pos++, text.slice(i));
    }
  }
  if (hasHan(text)) {
    const units = pinyinUnits(text);
    for (let i = 0; i < units.length; i++) add('p', i, units.slice(i).map((u) => u.syllable).join(''));
    const initials = units.map((u) => (u.han ? u.syllable[0]! : u.syllable));
    // From every Chinese syllable, and from the start even when the label begins with Latin
    // letters or digits (ERP系统 → erpxt, as a pinyin keyboard user types it; issue 16).
    for (let i = 0; i < initials.length; i++) if (units[i]!.han || i === 0) add('i', i, initials.slice(i).join(''));
  }
  return out;
}

/** Terms whose forms this process has already written (forms are a pure function of the label). */
const written = new Set<string>();

/** Writes the forms of terms not seen before; safe to run concurrently (conflicts are ignored). */
export async function ensureTermForms(sql: postgres.Sql | postgres.TransactionSql, terms: TermSource[]) {
  // One label per term (Java and java are one title): the first written stays.
  const fresh = new Map<string, TermSource>();
  for (const t of terms) {
    const id = `${t.kind}|${t.key}`;
    if (!written.has(id) && !fresh.has(id)) fresh.set(id, t);
  }
  if (fresh.size === 0) return;
  const rows = [...fresh.values()].flatMap(termForms);
  for (let i = 0; i < rows.length; i += 5000) {
    const part = rows.slice(i, i + 5000);
    await sql`
      insert into search_term_forms (kind, key, label, ftype, pos, form)
      select * from unnest(${part.map((r) => r.kind)}::"char"[], ${part.map((r) => r.key)}::text[], ${part.map((r) => r.label)}::text[],
        ${part.map((r) => r.ftype)}::"char"[], ${part.map((r) => r.pos)}::smallint[], ${part.map((r) => r.form)}::text[])
      on conflict (kind, key, ftype, pos) do nothing`;
  }
  if (written.size > 200_000) written.clear();
  for (const id of fresh.keys()) written.add(id);
}

/** How a term was reached; lower is better. */
export const TIER = {
  exact: 0,
  start: 1,
  inside: 2,
  related: 3, // synonym or occupation
  homophone: 4,
  employerStart: 5,
  employerInside: 6,
  employerHomophone: 7,
} as const;

export interface TermLookup {
  normalized: string;
  /** Spellings to look up, each with what a hit means. */
  probes: { form: string; tag: 'typed' | 'sound' | 'syn' }[];
  /** 1–2 Chinese characters or ≤ 3 letters: start and inside matches rank together, by how common the term is. */
  short: boolean;
}

/**
 * What to look up for a typed query, or null when the term index cannot answer it (several
 * words that are not spaced pinyin): such queries go to full text.
 */
export function termLookup(raw: string | undefined): TermLookup | null {
  const normalized = normalize(raw ?? '').slice(0, 100);
  if (!normalized) return null;
  let typed = normalized;
  const extra: TermLookup['probes'] = [];
  if (normalized.includes(' ')) {
    // "dian gong" is pinyin typed with spaces (looked up joined); "software dev" is looked up as
    // typed too. Other multi-word queries (电工 天河) go to full text, which ANDs the words.
    if (!/^[a-z0-9 ]+$/.test(normalized)) return null;
    typed = normalized.replace(/ /g, '');
    extra.push({ form: normalized, tag: 'typed' });
  }
  const probes: TermLookup['probes'] = [{ form: typed, tag: 'typed' }, ...extra];
  const han = hasHan(typed);
  if (han && typed.length >= 2) {
    const sound = pinyinOf(typed);
    if (sound && sound !== typed) probes.push({ form: sound, tag: 'sound' });
  }
  const words = cutWords(typed);
  for (const alt of expandSynonyms(words, typed)) {
    const a = normalize(alt);
    if (a && a !== typed && !words.includes(a) && !probes.some((p) => p.form === a)) probes.push({ form: a, tag: 'syn' });
  }
  const short = han ? typed.length <= 2 : typed.length <= 3;
  return { normalized: typed, probes: probes.slice(0, 12), short };
}

export interface RankedTerm {
  kind: TermKind;
  key: string;
  label: string;
  tier: number;
  count: number;
  consentCount: number;
}

/** Form rows scanned per probe at most: a one-letter prefix stops here instead of reading every form. */
const PROBE_LIMIT = 4000;
/** Terms returned at most: enough for any page a kiosk or recruiter reaches, and for the suggestions. */
const MAX_TERMS = 200;

/**
 * The terms matching a lookup, best first: by tier, then by how many live documents carry the
 * term (so `sj` gives 司机 before the long tail of 数据…), then by label.
 */
export async function findTerms(
  sql: postgres.Sql | postgres.TransactionSql,
  generation: postgres.PendingQuery<postgres.Row[]>,
  lookup: TermLookup,
  kinds: TermKind[],
  opts: { consentedOnly?: boolean } = {},
): Promise<RankedTerm[]> {
  const startsOnly = lookup.normalized.length <= 1;
  const short = lookup.short;
  const count = opts.consentedOnly ? sql`t.consent_count` : sql`t.doc_count`;
  // The tier of each form hit is decided in SQL and folded per term there, so only the best
  // terms (not every form row a short prefix reaches) come back; the term counts are read once per term.
  const rows = await sql`
    with hits as (
      select f.kind, f.key,
        case
          when p.tag = 'typed' and f.kind = 'e' then case when f.pos = 0 or ${short}::boolean then ${TIER.employerStart}::int else ${TIER.employerInside}::int end
          when p.tag = 'typed' and f.kind = 'o' then ${TIER.related}::int
          when p.tag = 'typed' then case when f.pos = 0 and f.form = p.form collate "C" then ${TIER.exact}::int when f.pos = 0 or ${short}::boolean then ${TIER.start}::int else ${TIER.inside}::int end
          when p.tag = 'syn' then case when f.kind = 'e' then ${TIER.employerInside}::int else ${TIER.related}::int end
          when f.ftype = 'p' then case when f.kind = 'e' then ${TIER.employerHomophone}::int else ${TIER.homophone}::int end
        end as tier
      from unnest(${lookup.probes.map((p) => p.form)}::text[], ${lookup.probes.map((p) => p.tag)}::text[]) as p(form, tag)
      cross join lateral (
        select kind, key, ftype, pos, form from search_term_forms
        where form >= p.form collate "C" and form < (p.form || chr(1114111)) collate "C"
          ${startsOnly ? sql`and pos = 0` : sql``}
        limit ${PROBE_LIMIT}
      ) f
      where f.kind = any(${kinds}::"char"[])
    ), best as (
      select kind, key, min(tier)::int as tier from hits where tier is not null group by kind, key
    )
    select b.kind, b.key, b.tier, t.doc_count, t.consent_count,
      (select label from search_term_forms l where l.kind = b.kind and l.key = b.key limit 1) as label
    from best b join search_terms t on t.generation = ${generation} and t.kind = b.kind and t.key = b.key
    where ${count} > 0
    order by b.tier, ${count} desc, b.key
    limit ${MAX_TERMS}`;
  return rows.map((r) => ({ kind: r.kind as TermKind, key: r.key as string, label: r.label as string, tier: r.tier as number, count: r.doc_count as number, consentCount: r.consent_count as number }));
}
