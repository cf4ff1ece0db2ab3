/**
 * Evaluates the occupation coder. Run: `npx tsx scripts/eval-occupation-coder.ts`
 *
 * 1. English: a deterministic (seeded) 10% of ESCO alternative labels are held out. They
 *    are removed from the index (from every occupation that lists the same string, so an
 *    exact copy elsewhere cannot leak the answer), then each is coded and compared with the
 *    ISCO unit group of the occupation it came from: top-1 and top-5 accuracy.
 * 2. Chinese: ~60 common PES job titles, labelled with an ISCO-08 unit group by hand for
 *    this project (not an official concordance), coded with the full default data.
 */
import { createOccupationCoder, loadDefaultCoderData } from '../src/modules/occupations/index.js';
import type { EscoOccupation } from '../src/modules/occupations/index.js';
import { prng } from '../src/lib/prng.js';

const SEED = 20240601;
const HOLDOUT = 0.1;

export function holdOut(occs: EscoOccupation[], fraction = HOLDOUT, seed = SEED) {
  const rand = prng(seed).next;
  const held: { label: string; isco: string }[] = [];
  const heldStrings = new Set<string>();
  // Occupations are sorted by ESCO code in the seed file, so iteration order is stable.
  for (const o of occs) {
    for (const a of o.altLabels) {
      if (rand() < fraction) {
        held.push({ label: a, isco: o.iscoGroup });
        heldStrings.add(a.toLowerCase());
      }
    }
  }
  const train = occs.map((o) => ({ ...o, altLabels: o.altLabels.filter((a) => !heldStrings.has(a.toLowerCase())) }));
  return { held, train };
}

/** Hand-labelled Chinese PES titles → ISCO-08 unit group (labelled by the author). */
export const ZH_GOLD: [string, string][] = [
  ['电工', '7411'], ['维修电工', '7411'], ['电焊工', '7212'], ['氩弧焊工', '7212'], ['会计', '2411'],
  ['会计助理', '3313'], ['出纳', '4311'], ['高级前端工程师', '2513'], ['Java开发工程师', '2512'], ['软件工程师', '2512'],
  ['软件测试工程师', '2519'], ['运维工程师', '2522'], ['数据分析师', '2511'], ['UI设计师', '2513'], ['平面设计师', '2166'],
  ['司机', '8322'], ['货车司机', '8332'], ['公交车司机', '8331'], ['叉车工', '8344'], ['挖掘机司机', '8342'],
  ['厨师', '5120'], ['厨师长', '3434'], ['面点师', '7512'], ['洗碗工', '9412'], ['保安', '5414'],
  ['保安员（夜班）', '5414'], ['保洁员', '9112'], ['家政服务员', '9111'], ['月嫂', '5311'], ['销售代表', '3322'],
  ['电话销售', '5244'], ['导购员', '5223'], ['收银员', '5230'], ['客服专员', '4222'], ['护士', '2221'],
  ['养老护理员', '5321'], ['小学语文教师', '2341'], ['幼儿园老师', '2342'], ['普工', '9329'], ['包装工', '9321'],
  ['仓库管理员', '4321'], ['装卸工', '9333'], ['快递员', '9621'], ['外卖骑手', '9331'], ['餐厅服务员', '5131'],
  ['酒店前台', '4226'], ['行政文员', '4110'], ['人事专员', '2423'], ['采购员', '3323'], ['质检员', '7543'],
  ['设备维修工', '7233'], ['汽车维修工', '7231'], ['数控车床操作工', '7223'], ['木工', '7115'], ['钢筋工', '7114'],
  ['缝纫工', '7533'], ['美发师', '5141'], ['药剂师', '2262'], ['翻译', '2643'], ['置业顾问', '3334'],
  ['急招电焊工包吃住', '7212'], ['資深會計', '2411'],
];

function evaluate() {
  const data = loadDefaultCoderData();
  const { held, train } = holdOut(data.escoOccupations);
  let t = performance.now();
  const coder = createOccupationCoder({ ...data, escoOccupations: train });
  const buildMs = performance.now() - t;

  let top1 = 0;
  let top5 = 0;
  t = performance.now();
  for (const h of held) {
    const codes = coder.code(h.label, { k: 5 }).filter((c) => c.system === 'isco').map((c) => c.code);
    if (codes[0] === h.isco) top1++;
    if (codes.includes(h.isco)) top5++;
  }
  const enMs = (performance.now() - t) / held.length;

  const full = createOccupationCoder(data);
  full.code('电工'); // loads jieba (~200 ms) outside the timing
  let z1 = 0;
  let z5 = 0;
  const misses: string[] = [];
  t = performance.now();
  for (const [title, gold] of ZH_GOLD) {
    const codes = full.code(title, { k: 5 }).filter((c) => c.system === 'isco').map((c) => c.code);
    if (codes[0] === gold) z1++;
    else misses.push(`${title}: expected ${gold}, got ${codes.slice(0, 3).join(', ') || '(none)'}`);
    if (codes.includes(gold)) z5++;
  }
  const zhMs = (performance.now() - t) / ZH_GOLD.length;

  const pct = (a: number, n: number) => `${((100 * a) / n).toFixed(1)}%`;
  console.log(`English held-out ESCO alternative labels: n=${held.length} (seed ${SEED}, ${HOLDOUT * 100}%)`);
  console.log(`  top-1 ISCO unit group: ${pct(top1, held.length)}  top-5: ${pct(top5, held.length)}`);
  console.log(`Chinese hand-labelled titles: n=${ZH_GOLD.length}`);
  console.log(`  top-1 ISCO unit group: ${pct(z1, ZH_GOLD.length)}  top-5: ${pct(z5, ZH_GOLD.length)}`);
  console.log(`  misses: ${misses.join('; ') || 'none'}`);
  console.log(`Timing: index build ${buildMs.toFixed(0)} ms; per title ${enMs.toFixed(3)} ms (en), ${zhMs.toFixed(3)} ms (zh)`);
}

evaluate();
