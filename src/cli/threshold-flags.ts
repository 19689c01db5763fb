/**
 * `--threshold "p99<50ms"` (repeatable): parsed by the same parser as the scenario's `thresholds:`, applied to every
 * workload's total. The first bad value is bad input (exit 2), quoted in the error as given.
 */
import { parseThreshold } from '../thresholds/parse.js';
import type { ThresholdSpec } from '../thresholds/types.js';

export type ThresholdFlags = { readonly ok: true; readonly specs: readonly ThresholdSpec[] } | { readonly ok: false; readonly error: string };

export function parseThresholdFlags(texts: readonly string[]): ThresholdFlags {
  const specs: ThresholdSpec[] = [];
  for (const text of texts) {
    const parsed = parseThreshold(text, 'cli');
    if (!parsed.ok) {
      const hint = parsed.hint === undefined ? '' : ` (${parsed.hint})`;
      return { ok: false, error: `--threshold ${parsed.message}${hint}` };
    }
    specs.push(parsed.spec);
  }
  return { ok: true, specs };
}
