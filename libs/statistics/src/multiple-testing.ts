import { ValidationError } from '#libs/kernel';

/**
 * Benjamini–Hochberg adjusted p-values ("q-values"), in the order given, as R's
 * `p.adjust(p, method = "BH")`.
 *
 * With m p-values ranked 1..m from smallest to largest, the adjusted value of the one at rank
 * i is min over ranks k ≥ i of m·p₍ₖ₎ / k, capped at 1. Declaring every theme whose adjusted
 * value is at most q keeps the expected share of false discoveries among them at most q
 * (for independent or positively dependent tests). Tied p-values get equal adjusted values.
 * An empty list gives an empty list.
 */
export function adjustPValues(pValues: readonly number[]): number[] {
  const m = pValues.length;
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new ValidationError('must be a probability between 0 and 1', `pValues[${i}]`);
  });
  // Indices from the largest p-value to the smallest; a stable sort keeps ties in input order.
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[b] - pValues[a]);
  const adjusted = new Array<number>(m);
  let running = 1;
  order.forEach((index, position) => {
    const rank = m - position;
    running = Math.min(running, (m / rank) * pValues[index]);
    adjusted[index] = running;
  });
  return adjusted;
}
