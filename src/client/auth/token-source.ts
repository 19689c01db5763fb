/**
 * One bearer token shared by every session of a workload that uses the same credentials: fetched once (single-flight:
 * sessions opening at once wait for the same fetch), refreshed in the background at 90% of its `expires_in` while the
 * old one is still sent, fetched anew after the server answers 401 to it (once for all the calls that got that 401).
 * Reading the current token is synchronous, so a call never waits for one unless it got a 401. Every fetch is timed
 * on the injected clock, apart from the calls, and counted (token-stats.ts); the token itself is never logged.
 */
import type { Clock } from '../../time/clock.js';
import { AuthError } from './auth-error.js';
import { TokenStats, type FetchReason } from './token-stats.js';

/** What a fetcher got: the token and, when the server said, how long it lives. */
export interface AccessToken {
  readonly token: string;
  readonly expiresInSec: number | null;
}

/** Gets a new token: the client-credentials grant, or the token command. `challenge`: the last 401's WWW-Authenticate. */
export interface TokenFetcher {
  fetch(challenge: string | null): Promise<AccessToken>;
}

/** What a transport asks: the Authorization value to send now, one before the first request, a new one after a 401. */
export interface Authorizer {
  /** `Bearer <token>`, or null while none was ever fetched. Starts a background refresh when the token is due. */
  current(): string | null;
  /** Resolves once a token is there (fetching the first one); rejects with AuthError when none can be got. */
  ready(): Promise<void>;
  /** After a 401 to a request sent with `rejected`: a newer Authorization value, or null when none could be got. */
  renew(rejected: string | null, challenge: string | null): Promise<string | null>;
}

/** A token is refreshed when this share of its lifetime has passed. */
export const REFRESH_AT = 0.9;

export class TokenSource implements Authorizer {
  readonly stats = new TokenStats();
  private header: string | null = null;
  private refreshAtUs = Infinity;
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly fetcher: TokenFetcher,
    private readonly clock: Clock,
  ) {}

  current(): string | null {
    if (this.header !== null && this.inFlight === null && this.clock.nowUs() >= this.refreshAtUs) {
      // The old token is still sent while the new one is fetched; a failure is counted and retried on the next call.
      this.fetchOnce('refresh', null).catch(() => undefined);
    }
    return this.header;
  }

  ready(): Promise<void> {
    if (this.header !== null) return Promise.resolve();
    return this.fetchOnce('first', null);
  }

  async renew(rejected: string | null, challenge: string | null): Promise<string | null> {
    // Someone else's 401 got a new token since this request was sent: use it.
    if (this.header !== null && this.header !== rejected) return this.header;
    try {
      await this.fetchOnce('unauthorized', challenge);
    } catch {
      return null;
    }
    return this.header;
  }

  /** One fetch at a time: whoever asks while one is under way waits for it. */
  private fetchOnce(reason: FetchReason, challenge: string | null): Promise<void> {
    this.inFlight ??= this.fetch(reason, challenge).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async fetch(reason: FetchReason, challenge: string | null): Promise<void> {
    const startUs = this.clock.nowUs();
    let got: AccessToken;
    try {
      got = await this.fetcher.fetch(challenge);
    } catch (error) {
      this.stats.failed(this.clock.nowUs() - startUs);
      // A refresh that failed is tried again no sooner than the next call after a second; the old token is kept.
      if (reason === 'refresh') this.refreshAtUs = this.clock.nowUs() + 1_000_000;
      throw error instanceof AuthError ? error : new AuthError('token-failed', `no token: ${(error as Error).message}`);
    }
    const nowUs = this.clock.nowUs();
    this.stats.fetched(reason, nowUs - startUs);
    this.header = `Bearer ${got.token}`;
    this.refreshAtUs = got.expiresInSec === null || got.expiresInSec <= 0 ? Infinity : startUs + got.expiresInSec * 1_000_000 * REFRESH_AT;
  }
}
