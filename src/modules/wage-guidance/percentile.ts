/**
 * Hyndman–Fan type 7 quantile (R's default, Excel's PERCENTILE.INC, Postgres percentile_cont),
 * generalised to integer frequency weights: a value with weight w counts as w repeated
 * observations. With N = Σw and order statistics x(1) ≤ … ≤ x(N) of the expanded sample,
 *   h = (N − 1)·p,  j = ⌊h⌋,  Q(p) = x(j+1) + (h − j)·(x(j+2) − x(j+1)).
 * x(k) is the smallest value whose cumulative weight reaches k, so the expansion never has to
 * be materialised. This is the reference the SQL compilation is tested against.
 */
export function weightedType7(values: { value: number; weight: number }[], p: number): number | null {
  const items = values.filter((v) => v.weight > 0).sort((a, b) => a.value - b.value);
  const n = items.reduce((s, v) => s + v.weight, 0);
  if (n === 0) return null;
  const h = (n - 1) * p;
  const j = Math.floor(h);
  const at = (k: number): number => {
    let cum = 0;
    for (const it of items) {
      cum += it.weight;
      if (cum >= k) return it.value;
    }
    return items[items.length - 1]!.value;
  };
  const lo = at(j + 1);
  const hi = at(Math.min(j + 2, n));
  return lo + (h - j) * (hi - lo);
}

export const PERCENTILES = [0.1, 0.25, 0.5, 0.75, 0.9] as const;
