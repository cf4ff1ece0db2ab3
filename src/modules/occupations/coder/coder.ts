import { expandSynonyms, segment, normalize } from '../../../search/text/index.js';
import { Bm25 } from './bm25.js';
import { coreZh, hasHan, labelTokens, queryTokens } from './tokens.js';
import { buildLexicon, compact, findTerms, skillIdOf, stripFiller, type ZhSkillLexicon } from './zh-skills.js';
import type {
  CodeCandidate, CodeOptions, CoderData, EscoOccupation, ImpliedSkill, SkillMatch, ZhEntry,
} from './types.js';

export interface OccupationCoder {
  /** Top-k ISCO unit groups, then (for Chinese titles) top-k Chinese 2022 occupations. */
  code(title: string, opts?: CodeOptions): CodeCandidate[];
  /** One result per input (the best ESCO skill, or skillId null); see SkillMatch.parts. */
  mapSkills(inputs: string[]): SkillMatch[];
  /** Every ESCO skill a free text names ("熟练掌握Python和MySQL" → Python, MySQL), best first. */
  extractSkills(text: string): SkillMatch[];
  /** Essential skills of an ESCO occupation (id or URI) or of an ISCO group (1–4 digits). */
  impliedSkills(occupationOrIsco: string, opts?: { limit?: number }): ImpliedSkill[];
}

const round = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;

/** Tie-break for equal scores so results never depend on Map insertion order. */
const byScore = <T extends { score: number; code: string }>(a: T, b: T) => b.score - a.score || a.code.localeCompare(b.code);

// --- English: BM25 over every ESCO label, best label per ISCO unit group ------------------

interface GroupHit { code: string; score: number; coverage: number; fit: number; doc: number }

function buildEnglish(occs: EscoOccupation[]) {
  const index = new Bm25(1.2, 0.5);
  const docOcc: number[] = [];
  const docLabel: string[] = [];
  occs.forEach((o, oi) => {
    for (const label of [o.label, ...o.altLabels]) {
      const toks = labelTokens(label);
      if (!toks.length) continue;
      index.add(toks);
      docOcc.push(oi);
      docLabel.push(label);
    }
  });
  index.finish();
  return { index, docOcc, docLabel };
}

// --- Chinese classification: IDF-weighted character-bigram Dice over detailed names -------

function bigrams(s: string): string[] {
  const out: string[] = [];
  for (const run of s.match(/\p{Script=Han}+/gu) ?? []) {
    if (run.length === 1) out.push(run);
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return [...new Set(out)];
}

export function createOccupationCoder(data: CoderData): OccupationCoder {
  const occs = data.escoOccupations;
  const isco = new Map(data.iscoGroups.map((g) => [g.code, g.label] as const));
  const en = buildEnglish(occs);

  const cnDetailed = (data.cnOccupations ?? []).filter((c) => c.level === 4);
  const cnByCode = new Map((data.cnOccupations ?? []).map((c) => [c.code, c] as const));
  const cnIndex = new Bm25();
  const cnDocIdf: number[] = [];
  for (const c of cnDetailed) cnIndex.add(bigrams(c.name));
  cnIndex.finish();
  cnDetailed.forEach((c, i) => (cnDocIdf[i] = bigrams(c.name).reduce((a, g) => a + cnIndex.idf(g), 0)));

  const zh = (data.zhMap ?? []).map((e) => ({
    ...e,
    keywords: e.keywords.map((k) => normalize(k).replace(/\s+/g, '')),
  }));
  // A Chinese occupation found only through the tree gets its ISCO group from the table.
  const cnToIsco = new Map<string, string>();
  for (const e of zh) if (e.cn && !cnToIsco.has(e.cn)) cnToIsco.set(e.cn, e.isco);

  function englishGroups(tokens: string[]): GroupHit[] {
    if (!tokens.length) return [];
    const q = [...new Set(tokens)];
    const qIdf = q.reduce((a, t) => a + en.index.idf(t), 0);
    const groups = new Map<string, GroupHit & { occ: number; second: number }>();
    for (const h of en.index.search(q).values()) {
      let score = h.score;
      // A label made of exactly the query words is the strongest evidence there is.
      if (h.matchedIdf >= qIdf - 1e-9 && en.index.docLength(h.doc) === q.length) score *= 1.25;
      const occ = en.docOcc[h.doc];
      const code = occs[occ].iscoGroup;
      const g = groups.get(code);
      const coverage = h.matchedIdf / qIdf;
      const fit = Math.min(1, q.length / en.index.docLength(h.doc));
      if (!g) groups.set(code, { code, score, coverage, fit, doc: h.doc, occ, second: 0 });
      else if (score > g.score) {
        if (g.occ !== occ) g.second = Math.max(g.second, g.score);
        Object.assign(g, { score, coverage, fit, doc: h.doc, occ });
      } else if (g.occ !== occ) g.second = Math.max(g.second, score);
    }
    // A second occupation of the same group agreeing adds a little (many ESCO groups hold
    // near-synonymous occupations); the best label still dominates.
    return [...groups.values()].map((g) => ({ ...g, score: g.score + 0.1 * g.second })).sort(byScore);
  }

  function toIscoCandidates(hits: GroupHit[], k: number, weight = 1): CodeCandidate[] {
    const top = hits.slice(0, Math.max(k, 5));
    const total = top.reduce((a, h) => a + h.score, 0) || 1;
    return hits.slice(0, k).map((h) => {
      const o = occs[en.docOcc[h.doc]];
      return {
        system: 'isco' as const,
        code: h.code,
        label: isco.get(h.code) ?? h.code,
        occupationLabel: o.label,
        occupationId: o.id,
        // Coverage: share of the query's information found in the label; share: margin over
        // the other groups; fit: a one-word query inside a five-word label is weak evidence.
        confidence: round(weight * h.coverage * (0.5 + 0.5 * (h.score / total)) * (0.6 + 0.4 * h.fit)),
        matched: en.docLabel[h.doc],
      };
    });
  }

  function codeEnglish(title: string, k: number): CodeCandidate[] {
    const fromLabels = toIscoCandidates(englishGroups(queryTokens(title)), k);
    // ESCO labels never name a technology ("Senior Java developer" finds only "developer"),
    // so the table's English keywords (java, php, cnc ...) get a say, below exact labels.
    const text = normalize(title).replace(/\s+/g, ' ');
    const out = new Map(fromLabels.map((c) => [c.code, c] as const));
    for (const m of keywordMatches(text).filter((x) => !hasHan(x.kw) && !x.entry.generic)) {
      const code = m.entry.isco;
      const old = out.get(code);
      if (!old || old.confidence < 0.7) {
        out.set(code, { ...old, system: 'isco', code, label: isco.get(code) ?? code, confidence: 0.7, matched: m.kw });
      }
    }
    return [...out.values()].sort((a, b) => b.confidence - a.confidence || a.code.localeCompare(b.code)).slice(0, k);
  }

  function keywordMatches(core: string) {
    const found: { entry: ZhEntry & { keywords: string[] }; kw: string; start: number; score: number }[] = [];
    for (const entry of zh) {
      for (const kw of entry.keywords) {
        const start = core.indexOf(kw);
        if (start < 0) continue;
        const ascii = !hasHan(kw);
        // ASCII keywords (java, hr, qc) only as whole words, so "hr" does not match "chrome".
        if (ascii && (/[a-z0-9]/.test(core[start - 1] ?? '') || /[a-z0-9]/.test(core[start + kw.length] ?? ''))) continue;
        const len = ascii ? kw.length / 2 : kw.length;
        // Longer keywords are more specific; in Chinese the head noun comes last.
        const score = len + (start + kw.length === core.length ? 0.5 : 0) - (entry.generic ? 1.5 : 0);
        found.push({ entry, kw, start, score });
      }
    }
    return found;
  }

  function codeChinese(title: string, k: number): CodeCandidate[] {
    const core = coreZh(title);
    const iscoOut = new Map<string, CodeCandidate & { score: number }>();
    const cnOut = new Map<string, CodeCandidate & { score: number }>();
    const put = (m: typeof iscoOut, c: CodeCandidate & { score: number }) => {
      const old = m.get(c.code);
      if (!old || c.score > old.score) m.set(c.code, c);
    };

    // 1. Hand-made keyword table.
    const matches = keywordMatches(core);
    const perGroup = new Map<string, { best: (typeof matches)[number]; rest: number; covered: Set<number> }>();
    for (const m of matches.sort((a, b) => b.score - a.score)) {
      const g = perGroup.get(m.entry.isco);
      const span = new Set(Array.from({ length: m.kw.length }, (_, i) => m.start + i));
      if (!g) perGroup.set(m.entry.isco, { best: m, rest: 0, covered: span });
      else {
        g.rest += m.score;
        for (const i of span) g.covered.add(i);
      }
    }
    const ranked = [...perGroup.values()]
      .map((g) => ({ ...g, score: g.best.score + 0.5 * Math.max(0, g.rest) }))
      .sort((a, b) => b.score - a.score || a.best.entry.isco.localeCompare(b.best.entry.isco));
    const topScore = ranked[0]?.score ?? 1;
    for (const g of ranked) {
      const coverage = g.covered.size / Math.max(1, core.length);
      const conf = (0.55 + 0.4 * coverage) * (g.score / topScore) ** 2;
      const code = g.best.entry.isco;
      put(iscoOut, { system: 'isco', code, label: isco.get(code) ?? code, confidence: round(conf), matched: g.best.kw, score: conf });
      const cn = g.best.entry.cn && cnByCode.get(g.best.entry.cn);
      if (cn) put(cnOut, { system: 'cn2022', code: cn.code, label: cn.name, confidence: round(conf), matched: g.best.kw, score: conf });
    }

    // 2. English equivalents from the synonym groups (电焊工 → welder) and any English words.
    const english = expandSynonyms(segment(core), core).filter((t) => /[a-z]/.test(t) && !hasHan(t));
    const asciiWords = core.match(/[a-z][a-z0-9+#]*/g) ?? [];
    for (const [terms, weight] of [[english, 0.8], [asciiWords.length ? [asciiWords.join(' ')] : [], 0.6]] as const) {
      for (const term of terms) {
        for (const c of toIscoCandidates(englishGroups(term.split(' ')), k, weight)) {
          put(iscoOut, { ...c, score: c.confidence });
        }
      }
    }

    // 3. The Chinese classification itself, by character bigrams.
    const q = bigrams(core);
    if (q.length) {
      const qIdf = q.reduce((a, g) => a + cnIndex.idf(g), 0);
      const hits = [...cnIndex.search(q).values()]
        .map((h) => ({ h, dice: (2 * h.matchedIdf) / (qIdf + cnDocIdf[h.doc]) }))
        .sort((a, b) => b.dice - a.dice || cnDetailed[a.h.doc].code.localeCompare(cnDetailed[b.h.doc].code))
        .slice(0, k);
      for (const { h, dice } of hits) {
        const c = cnDetailed[h.doc];
        const conf = 0.9 * dice;
        put(cnOut, { system: 'cn2022', code: c.code, label: c.name, confidence: round(conf), matched: c.name, score: conf });
        const viaTable = cnToIsco.get(c.code);
        if (viaTable) {
          put(iscoOut, { system: 'isco', code: viaTable, label: isco.get(viaTable) ?? viaTable, confidence: round(0.7 * conf), matched: c.name, score: 0.7 * conf });
        }
      }
    }

    const strip = ({ score: _s, ...c }: CodeCandidate & { score: number }): CodeCandidate => c;
    const sorted = (m: typeof iscoOut) => [...m.values()].sort(byScore).slice(0, k).map(strip);
    return [...sorted(iscoOut), ...sorted(cnOut)];
  }

  // --- skills (indexes built on first use: most callers only code titles) ------------------
  let skillIdx: { index: Bm25; docSkill: number[]; exact: Map<string, number> } | undefined;
  function skills() {
    if (skillIdx) return skillIdx;
    const index = new Bm25(1.2, 0.75);
    const docSkill: number[] = [];
    const exact = new Map<string, number>();
    (data.escoSkills ?? []).forEach((s, si) => {
      [s.label, ...s.altLabels].forEach((label, li) => {
        const toks = labelTokens(label);
        if (!toks.length) return;
        const key = toks.join(' ');
        // Preferred labels win over another skill's alternative label.
        if (li === 0 || !exact.has(key)) exact.set(key, si);
        index.add(toks);
        docSkill.push(si);
      });
    });
    index.finish();
    return (skillIdx = { index, docSkill, exact });
  }

  /** English: exact ESCO label, else the best BM25 label if enough of the text is covered. */
  function mapEnglish(input: string): SkillMatch {
    const all = data.escoSkills ?? [];
    const toks = labelTokens(input);
    const none = { input, skillId: null, label: null, confidence: 0 };
    if (!toks.length) return none;
    const { index, docSkill, exact } = skills();
    const hit = exact.get(toks.join(' '));
    if (hit !== undefined) return { input, skillId: all[hit].id, label: all[hit].label, confidence: 1 };
    const q = [...new Set(toks)];
    const qIdf = q.reduce((a, t) => a + index.idf(t), 0);
    let best: { doc: number; score: number; matchedIdf: number } | undefined;
    for (const h of index.search(q).values()) {
      if (!best || h.score > best.score || (h.score === best.score && h.doc < best.doc)) best = h;
    }
    if (!best) return none;
    const coverage = best.matchedIdf / qIdf;
    const lengthFit = q.length / Math.max(q.length, index.docLength(best.doc));
    const confidence = 0.9 * coverage * (0.4 + 0.6 * lengthFit);
    // Below this the "match" is usually one shared common word (manage, use, equipment).
    if (confidence < 0.35) return none;
    const s = all[docSkill[best.doc]];
    return { input, skillId: s.id, label: s.label, confidence: round(confidence) };
  }

  // The Chinese lexicon (zh-skill-map.json), read and indexed on the first skill lookup.
  let lexicon: ZhSkillLexicon | undefined;
  function zhSkills(): ZhSkillLexicon {
    if (!lexicon) {
      const src = data.zhSkillMap;
      lexicon = buildLexicon(typeof src === 'function' ? src() : (src ?? []));
    }
    return lexicon;
  }
  const fromEntry = (input: string, entry: number, confidence: number): SkillMatch => {
    const e = zhSkills().entries[entry];
    return { input, skillId: skillIdOf(e.uri), label: e.label, confidence: round(confidence) };
  };

  /**
   * Confidence of a skill found inside a longer text rather than as the whole input: the
   * term is certain, but it is one of several things the text says. A Chinese term that
   * cuts across jieba's words (会计 in 会计算) is weaker still; two-character ones drop
   * below the matcher's threshold (0.6), longer ones rarely arise by accident.
   */
  const IN_TEXT = 0.9;
  const MISALIGNED_SHORT = 0.6;
  const MISALIGNED_LONG = 0.8;
  const LIST_SEPARATORS = /[,，;；、/|]+|\s+(?:and|or|&)\s+/;

  /** Every skill a text names, best first (one entry per ESCO skill). */
  function extractSkills(input: string): SkillMatch[] {
    const text = normalize(input ?? '');
    if (!text) return [];
    const lex = zhSkills();

    // 1. The whole input is a lexicon term, perhaps wrapped in 熟练/会/有 … 能力/证书/经验.
    const key = compact(text);
    const whole = lex.exact.get(key);
    if (whole !== undefined) return [fromEntry(input, whole, 1)];
    const core = stripFiller(key);
    const cored = core !== key ? lex.exact.get(core) : undefined;
    if (cored !== undefined) return [fromEntry(input, cored, 0.95)];

    // 2. English without list separators keeps the whole-text ESCO lookup ("forklift driving").
    if (!hasHan(text) && !LIST_SEPARATORS.test(text)) {
      const m = mapEnglish(input);
      return m.skillId ? [m] : [];
    }

    // 3. Lexicon terms inside the text, then English words the lexicon did not cover.
    const found: (SkillMatch & { at: number })[] = [];
    const hits = findTerms(text, lex);
    for (const h of hits) {
      const han = (h.term.match(/\p{Script=Han}/gu) ?? []).length;
      const weight = h.aligned ? 1 : han >= 3 ? MISALIGNED_LONG : MISALIGNED_SHORT;
      found.push({ ...fromEntry(input, h.entry, IN_TEXT * weight), at: h.start });
    }
    let masked = text;
    for (const h of hits) masked = masked.slice(0, h.start) + ' '.repeat(h.end - h.start) + masked.slice(h.end);
    for (const run of masked.matchAll(/[a-z][a-z0-9+#.-]*(?: [a-z][a-z0-9+#.-]*)*/g)) {
      for (const chunk of run[0].split(LIST_SEPARATORS)) {
        const words = chunk.split(/[\s-]+/).filter(Boolean);
        // A run of several words: whole-run label first, then each word as an exact label
        // ("python web" → Python), and only then the fuzzier BM25 guess on the run.
        const exactWords = words.length > 1 ? words.map(mapEnglish).filter((m) => m.confidence === 1) : [];
        const wholeRun = mapEnglish(chunk);
        const picks = wholeRun.confidence === 1 || !exactWords.length ? [wholeRun] : exactWords;
        for (const m of picks) if (m.skillId) found.push({ ...m, input, confidence: round(IN_TEXT * m.confidence), at: run.index });
      }
    }

    const best = new Map<string, SkillMatch & { at: number }>();
    for (const m of found) {
      const old = best.get(m.skillId!);
      if (!old || m.confidence > old.confidence) best.set(m.skillId!, m);
    }
    return [...best.values()]
      .sort((a, b) => b.confidence - a.confidence || a.at - b.at)
      .map(({ at: _at, ...m }) => m);
  }

  /** One result per input: the best skill, with all of them in `parts` when there are several. */
  function mapSkill(input: string): SkillMatch {
    const found = extractSkills(input);
    if (!found.length) return { input, skillId: null, label: null, confidence: 0 };
    return found.length > 1 ? { ...found[0], parts: found } : found[0];
  }

  function impliedSkills(key: string, opts: { limit?: number } = {}): ImpliedSkill[] {
    const limit = opts.limit ?? 25;
    const rel = data.occupationSkills ?? {};
    const all = data.escoSkills ?? [];
    const id = key.slice(key.lastIndexOf('/') + 1).trim();
    const occIds = /^\d{1,4}$/.test(id) ? occs.filter((o) => o.iscoGroup.startsWith(id)).map((o) => o.id) : [id];
    const counts = new Map<number, number>();
    let n = 0;
    for (const oid of occIds) {
      const r = rel[oid];
      if (!r) continue;
      n += 1;
      for (const si of r.e) counts.set(si, (counts.get(si) ?? 0) + 1);
    }
    return [...counts]
      .map(([si, c]) => ({ skillId: all[si]?.id ?? String(si), label: all[si]?.label ?? '', share: round(c / n) }))
      .sort((a, b) => b.share - a.share || a.label.localeCompare(b.label))
      .slice(0, limit);
  }

  return {
    code(title, opts = {}) {
      const k = opts.k ?? 5;
      if (!title || !title.trim()) return [];
      return hasHan(normalize(title)) ? codeChinese(title, k) : codeEnglish(title, k);
    },
    mapSkills: (inputs) => inputs.map(mapSkill),
    extractSkills,
    impliedSkills,
  };
}
