/**
 * The token sources of one workload: one per (server URL, auth block), so every session of the workload that uses the
 * same credentials — pools, endpoint groups, churned sessions — shares one token and one refresh. Its `summary` is the
 * workload's `auth` report block. A session opened without a workload's sources (the library) gets one of its own.
 */
import { canonicalJson } from '../../input/canonical-json.js';
import type { Clock } from '../../time/clock.js';
import type { AuthPlan } from './auth-plan.js';
import { ClientCredentialsFetcher } from './client-credentials.js';
import { TokenCommandFetcher } from './token-command.js';
import { TokenSource, type Authorizer } from './token-source.js';
import { mergeAuthSummaries, type AuthSummary } from './token-stats.js';

export class AuthSources {
  private readonly sources = new Map<string, TokenSource>();

  constructor(private readonly clock: Clock) {}

  /** The shared source for this server and auth block (made on first use). */
  sourceFor(serverUrl: string, auth: AuthPlan): Authorizer {
    const key = canonicalJson({ serverUrl, auth });
    let source = this.sources.get(key);
    if (source === undefined) {
      const fetcher = 'tokenCommand' in auth ? new TokenCommandFetcher(auth.tokenCommand) : new ClientCredentialsFetcher(auth.clientCredentials, serverUrl);
      source = new TokenSource(fetcher, this.clock);
      this.sources.set(key, source);
    }
    return source;
  }

  /** Every source's fetches added up; null when the workload's targets have no auth. */
  summary(): AuthSummary | null {
    return mergeAuthSummaries([...this.sources.values()].map((source) => source.stats.summary())) ?? null;
  }
}

/**
 * The authorizer of a URL target's session, its first token got (so it is timed apart from connecting and
 * initializing); undefined when the target has no auth block.
 */
export async function readyAuthorizer(serverUrl: string, auth: AuthPlan | undefined, sources: AuthSources | undefined, clock: Clock): Promise<Authorizer | undefined> {
  if (auth === undefined) return undefined;
  const authorizer = (sources ?? new AuthSources(clock)).sourceFor(serverUrl, auth);
  await authorizer.ready();
  return authorizer;
}
