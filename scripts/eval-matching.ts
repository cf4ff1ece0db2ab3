/**
 * Ranking quality of the matcher on data whose truth we did not write: job seekers generated
 * from ESCO occupations (skills sampled from that occupation's essential and optional skills in
 * seeds/taxonomy, with noise: dropped skills, alternative labels, skills of other occupations;
 * the desired occupation is what the occupation coder makes of an alternative job title),
 * and vacancies of known ESCO occupations (half list a few essential skills, half list none).
 * A vacancy is relevant to a seeker when it is of the seeker's true ESCO occupation.
 * Reports recall@10 and nDCG@10 for the matcher beside a Postgres full-text baseline over the
 * vacancies' titles and listed skills queried with the seeker's skills and desired title.
 *
 *   npm run bench -- ../eval-matching [--occupations 150] [--seed 7]
 * (bench.sh starts a throwaway Postgres; any DATABASE_URL works.)
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createDatabase } from '../src/db/client.js';
import { prng } from '../src/lib/prng.js';
import { codeTitle } from '../src/modules/occupations/index.js';
import type { EscoOccupation, EscoSkill, OccupationSkills } from '../src/modules/occupations/index.js';
import { recomputeSeeker, refreshSeekerFeatures, refreshVacancyFeatures } from '../src/modules/matching/index.js';
import { generateCity } from './bench/generate.js';
import { freshDatabase, table } from './bench/lib.js';

const { values } = parseArgs({ options: { occupations: { type: 'string', default: '150' }, seed: { type: 'string', default: '7' } } });
const N_OCC = Number(values.occupations);
const SEED = Number(values.seed);
const VAC_PER_OCC = 3;
const SEEKERS_PER_OCC = 2;
const K = 10;

const seeds = new URL('../seeds/taxonomy/', import.meta.url);
const read = <T>(f: string): T => JSON.parse(readFileSync(new URL(f, seeds), 'utf8')) as T;
const occs = read<EscoOccupation[]>('esco-occupations.json');
const skills = read<EscoSkill[]>('esco-skills.json');
const rel = read<OccupationSkills>('occupation-skills.json');

const r = prng(SEED);
const shuffle = <T>(xs: T[]) => {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
};
const labelOf = (si: number, alt: boolean) => {
  const s = skills[si]!;
  return alt && s.altLabels.length ? r.pick(s.altLabels) : s.label;
};

const eligible = occs.filter((o) => /^\d{4}$/.test(o.iscoGroup) && (rel[o.id]?.e.length ?? 0) >= 8 && o.altLabels.length > 0);
const chosen = shuffle(eligible).slice(0, N_OCC);

async function main() {
  const url = await freshDatabase('pes_eval_match');
  const database = createDatabase(url, { max: 4, appName: 'eval-matching' });
  const sql = database.sql;
  await generateCity(sql, { vacancies: 0, seekers: 0, referrals: 0, weeks: 1, employers: 5, seed: SEED }, undefined, () => {});
  const [{ employer_id, office_id }] = (await sql`select id as employer_id, office_id from employers limit 1`) as unknown as [{ employer_id: string; office_id: string }];
  const districts = ['440103', '440104', '440106'];

  // Vacancies of known occupations.
  const vacancyOcc = new Map<string, string>();
  const vRows: Record<string, unknown>[] = [];
  for (const o of chosen) {
    for (let i = 0; i < VAC_PER_OCC; i++) {
      const id = randomUUID();
      vacancyOcc.set(id, o.id);
      const listed = r.chance(0.5) ? shuffle(rel[o.id]!.e).slice(0, r.int(4, 6)).map((si) => labelOf(si, false)) : [];
      const lo = r.int(40, 80) * 100;
      vRows.push({ id, employer_id, office_id, title: r.chance(0.5) ? o.label : r.pick(o.altLabels), isco_unit: o.iscoGroup, occupation_system: 'isco', occupation_code: o.iscoGroup,
        skills: listed, wage_monthly_min: lo, wage_monthly_max: lo + 2000, district_code: r.pick(districts), status: 'published', published_at: new Date().toISOString() });
    }
  }
  await sql`insert into vacancies (id, employer_id, office_id, title, isco_unit, occupation_system, occupation_code, skills, wage_monthly_min, wage_monthly_max, district_code, status, published_at)
    select id, employer_id, office_id, title, isco_unit, occupation_system, occupation_code, skills, wage_monthly_min, wage_monthly_max, district_code, status, published_at
    from json_populate_recordset(null::vacancies, ${JSON.stringify(vRows)}::json)`;

  // Seekers generated from occupations, with noise.
  const seekerOcc = new Map<string, string>();
  const seekerText = new Map<string, string>();
  let coderRight = 0;
  const sRows: Record<string, unknown>[] = [];
  for (const o of chosen) {
    for (let i = 0; i < SEEKERS_PER_OCC; i++) {
      const id = randomUUID();
      seekerOcc.set(id, o.id);
      const e = shuffle(rel[o.id]!.e).slice(0, r.int(3, 6));
      const opt = shuffle(rel[o.id]!.o).slice(0, r.int(0, 2));
      const noise = Array.from({ length: r.int(1, 3) }, () => { const other = r.pick(chosen); return r.pick(rel[other.id]!.e); });
      const own = shuffle([...e, ...opt, ...noise]).map((si) => labelOf(si, r.chance(0.3)));
      const saidTitle = r.pick(o.altLabels);
      const coded = codeTitle(saidTitle, { k: 1 })[0];
      if (coded?.code === o.iscoGroup) coderRight += 1;
      seekerText.set(id, `${saidTitle} ${own.join(' ')}`);
      sRows.push({ id, office_id, registration_kind: 'job_seeking', name: 'Eval Seeker', national_id_hash: createHash('sha1').update(id).digest('hex'), national_id_last4: '0000',
        birth_date: '1990-01-01', sex: r.chance(0.5) ? 'male' : 'female', district_code: r.pick(districts), education: 'senior_secondary', experience_years: r.int(0, 10),
        skills: own, desired_occupations: coded ? [{ system: 'isco', code: coded.code }] : [], desired_wage_min: r.int(40, 80) * 100, status: 'active' });
    }
  }
  await sql`insert into seekers (id, office_id, registration_kind, name, national_id_hash, national_id_last4, birth_date, sex, district_code, education, experience_years, skills, desired_occupations, desired_wage_min, status)
    select id, office_id, registration_kind, name, national_id_hash, national_id_last4, birth_date, sex, district_code, education, experience_years, skills, desired_occupations, desired_wage_min, status
    from json_populate_recordset(null::seekers, ${JSON.stringify(sRows)}::json)`;

  await refreshVacancyFeatures(sql, [...vacancyOcc.keys()]);
  await refreshSeekerFeatures(sql, [...seekerOcc.keys()]);

  const metrics = (ranked: string[], truth: string) => {
    const relevant = [...vacancyOcc].filter(([, o]) => o === truth).length;
    const top = ranked.slice(0, K);
    const hits = top.map((v) => vacancyOcc.get(v) === truth);
    const dcg = hits.reduce((a, h, i) => a + (h ? 1 / Math.log2(i + 2) : 0), 0);
    const idcg = Array.from({ length: Math.min(relevant, K) }, (_, i) => 1 / Math.log2(i + 2)).reduce((a, b) => a + b, 0);
    return { recall: hits.filter(Boolean).length / relevant, ndcg: idcg ? dcg / idcg : 0 };
  };
  const agg = { matcher: { recall: 0, ndcg: 0 }, fts: { recall: 0, ndcg: 0 } };
  const t0 = performance.now();
  for (const [id, truth] of seekerOcc) {
    await recomputeSeeker(sql, id, { force: true });
    const ours = (await sql`select vacancy_id from matches where direction = 'seeker' and seeker_id = ${id} order by score desc, vacancy_id limit ${K}`).map((x) => x.vacancy_id as string);
    const m = metrics(ours, truth);
    agg.matcher.recall += m.recall;
    agg.matcher.ndcg += m.ndcg;
    const base = (await sql`
      with q as (select to_tsquery('english', coalesce(string_agg(quote_literal(lexeme), ' | '), '')) as q from unnest(to_tsvector('english', ${seekerText.get(id)!})))
      select v.id from vacancies v, q
      where to_tsvector('english', v.title || ' ' || array_to_string(v.skills, ' ')) @@ q.q
      order by ts_rank_cd(to_tsvector('english', v.title || ' ' || array_to_string(v.skills, ' ')), q.q) desc, v.id limit ${K}`).map((x) => x.id as string);
    const b = metrics(base, truth);
    agg.fts.recall += b.recall;
    agg.fts.ndcg += b.ndcg;
  }
  // Ablation: the same people without a stated occupation (skills, district and fit only).
  await sql`update seekers set desired_occupations = '[]'::jsonb, version = version + 1 where id = any(${[...seekerOcc.keys()]}::uuid[])`;
  await refreshSeekerFeatures(sql, [...seekerOcc.keys()]);
  const noOcc = { recall: 0, ndcg: 0 };
  for (const [id, truth] of seekerOcc) {
    await recomputeSeeker(sql, id, { force: true });
    const ours = (await sql`select vacancy_id from matches where direction = 'seeker' and seeker_id = ${id} order by score desc, vacancy_id limit ${K}`).map((x) => x.vacancy_id as string);
    const m = metrics(ours, truth);
    noOcc.recall += m.recall;
    noOcc.ndcg += m.ndcg;
  }
  const n = seekerOcc.size;
  const f = (x: number) => (x / n).toFixed(3);
  console.log(`\n${chosen.length} ESCO occupations, ${vacancyOcc.size} vacancies (${VAC_PER_OCC} each, ~half listing no skills), ${n} seekers (${SEEKERS_PER_OCC} each); seed ${SEED}`);
  console.log(`occupation coder put ${coderRight} of ${n} seekers' said titles in the true ISCO unit group (${((coderRight / n) * 100).toFixed(1)} %)`);
  console.log(`${Math.round((performance.now() - t0) / n)} ms per seeker (all three runs)\n`);
  console.log(table([['method', `recall@${K}`, `nDCG@${K}`], ['matcher (occupation + IDF skills + fit components)', f(agg.matcher.recall), f(agg.matcher.ndcg)], ['matcher, no stated occupation (skills + fit only)', f(noOcc.recall), f(noOcc.ndcg)], ['Postgres full-text baseline (title + listed skills)', f(agg.fts.recall), f(agg.fts.ndcg)]]));
  await database.close();
}

await main();
