/**
 * A run summary with every secret masked (input/secrets.ts): what every report format is rendered from. Every string
 * is masked, names and messages alike, except the encoded histograms — data, not text: masking could corrupt them,
 * and no message is built into them.
 */
import type { Secrets } from '../input/secrets.js';
import type { RunSummary } from './summary.js';

const ENCODED: ReadonlySet<string> = new Set(['histogram']);

/** `histogram`, and every key that names one (`answerHistogram`, `fetchHistogram`, `openHistogram`, …). */
export function isEncodedKey(key: string): boolean {
  return ENCODED.has(key) || key.endsWith('Histogram');
}

export function maskSummary(summary: RunSummary, secrets: Secrets): RunSummary {
  return secrets.maskDeep(summary, isEncodedKey);
}
