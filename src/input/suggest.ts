/** "Did you mean …?" for misspelt keys and values. */

/** Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => table[i]?.[j] ?? Number.MAX_SAFE_INTEGER;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      const row = table[i];
      if (row) row[j] = best;
    }
  }
  return at(a.length, b.length);
}

const normalize = (word: string): string => word.toLowerCase().replace(/[-_\s]/g, '');

/**
 * The known word the user most likely meant: a case/underscore/dash variant, a close misspelling (distance ≤ 2,
 * ≤ 1 for words of up to 4 letters), or an abbreviation of at least 3 letters (`seq` → `sequential`).
 */
export function suggest(word: string, known: readonly string[]): string | undefined {
  const wanted = normalize(word);
  if (wanted === '') return undefined;
  const exact = known.find((candidate) => normalize(candidate) === wanted);
  if (exact !== undefined) return exact;
  const limit = wanted.length <= 4 ? 1 : 2;
  let best: { word: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(wanted, normalize(candidate));
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { word: candidate, distance };
  }
  if (best) return best.word;
  return wanted.length >= 3 ? known.find((candidate) => normalize(candidate).startsWith(wanted)) : undefined;
}

/** `did you mean "concurrency"?`, or undefined when nothing is close. */
export function didYouMean(word: string, known: readonly string[]): string | undefined {
  const match = suggest(word, known);
  return match === undefined ? undefined : `did you mean "${match}"?`;
}

/** `a, b or c` (or `a, b and c`) for messages. */
export function listWords(words: readonly string[], conjunction: 'or' | 'and' = 'or'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1] ?? ''}`;
}
