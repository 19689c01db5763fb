import type { Random } from '../random/seeded.js';

/**
 * Picks operations by weight with a seeded random source. Returns the operation's index, so recording stays an
 * array lookup. One operation: no random draw at all.
 */
export function weightedPicker(operations: readonly { readonly weight: number }[], random: Random): () => number {
  if (operations.length === 0) throw new RangeError('a mix needs at least one operation');
  if (operations.length === 1) return () => 0;
  const cumulative: number[] = [];
  let total = 0;
  for (const op of operations) {
    total += op.weight;
    cumulative.push(total);
  }
  const last = operations.length - 1;
  return () => {
    const r = random() * total;
    for (let i = 0; i < last; i++) {
      if (r < (cumulative[i] as number)) return i;
    }
    return last;
  };
}
