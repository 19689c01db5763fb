import type { Random, RandomAt } from '../random/seeded.js';

type Weighted = readonly { readonly weight: number }[];

/**
 * Picks operations by weight with a seeded random source. Returns the operation's index, so recording stays an
 * array lookup. One operation: no random draw at all.
 */
export function weightedPicker(operations: Weighted, random: Random): () => number {
  const choose = chooser(operations);
  const only = onlyDrawn(operations);
  if (only !== null) return () => only;
  return () => choose(random());
}

/**
 * The operation of draw k, a pure function of k (a seekable stream, random/seeded.ts): the open model picks arrival
 * k's operation with it, so whichever shard sends arrival k sends the same operation as one machine would.
 */
export function weightedPickerAt(operations: Weighted, randomAt: RandomAt): (k: number) => number {
  const choose = chooser(operations);
  const only = onlyDrawn(operations);
  if (only !== null) return () => only;
  return (k) => choose(randomAt(k));
}

/** The index of the one entry of positive weight, when there is just one (no draw needed); else null. */
function onlyDrawn(operations: Weighted): number | null {
  const drawn = operations.flatMap((op, index) => (op.weight > 0 ? [index] : []));
  return drawn.length === 1 ? drawn[0]! : null;
}

/** Maps a uniform number in [0, 1) to an operation's index, by cumulative weight. */
function chooser(operations: Weighted): (r: number) => number {
  if (operations.length === 0) throw new RangeError('a mix needs at least one operation');
  const cumulative: number[] = [];
  let total = 0;
  for (const op of operations) {
    total += op.weight;
    cumulative.push(total);
  }
  if (!(total > 0)) throw new RangeError('a mix needs an operation of positive weight');
  // The last entry of positive weight: rows of weight 0 (a journey's steps) are never drawn, even at the top end.
  let last = operations.length - 1;
  while (last > 0 && operations[last]!.weight <= 0) last--;
  return (uniform) => {
    const r = uniform * total;
    for (let i = 0; i < last; i++) {
      if (r < (cumulative[i] as number)) return i;
    }
    return last;
  };
}
