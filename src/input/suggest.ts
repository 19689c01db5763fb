/** "Did you mean …?" for misspelt keys and values. */

/**
 * Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1. Three
 * rolling rows, so a file with thousands of misspelt keys is checked without a table per comparison.
 */
export function editDistance(a: string, b: string): number {
  const cols = b.length + 1;
  let before = new Int32Array(cols);
  let previous = Int32Array.from({ length: cols }, (_, j) => j);
  let current = new Int32Array(cols);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (before[j - 2] ?? 0) + 1);
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] ?? 0;
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
    const normalized = normalize(candidate);
    // The distance is at least the difference in length: most candidates need no table at all.
    if (Math.abs(normalized.length - wanted.length) > limit) continue;
    const distance = editDistance(wanted, normalized);
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
