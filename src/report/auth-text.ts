/**
 * The workload view's line about token acquisition (the `auth` block): `auth: 3 tokens fetched (1 refresh before
 * expiry, 1 after a 401), fetch p50 1.2 ms, max 3.4 ms`, with failures when any. Never a token.
 */
import type { AuthSummary } from '../client/auth/token-stats.js';
import { formatDuration } from '../input/units.js';
import { formatCounted } from './format.js';

export function authText(auth: AuthSummary): string {
  const why: string[] = [];
  if (auth.refreshes > 0) why.push(`${formatCounted(auth.refreshes, 'refresh', 'refreshes')} before expiry`);
  if (auth.afterUnauthorized > 0) why.push(`${auth.afterUnauthorized} after a 401`);
  const fetched = `${formatCounted(auth.fetched, 'token')} fetched${why.length > 0 ? ` (${why.join(', ')})` : ''}`;
  const failed = auth.failures > 0 ? `, ${formatCounted(auth.failures, 'failed fetch', 'failed fetches')}` : '';
  return `auth: ${fetched}${failed}; fetch p50 ${formatDuration(auth.fetchUs.p50)}, max ${formatDuration(auth.fetchUs.max)}`;
}
