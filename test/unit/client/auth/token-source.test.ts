import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AuthError } from '../../../../src/client/auth/auth-error.js';
import { TokenSource, type AccessToken, type TokenFetcher } from '../../../../src/client/auth/token-source.js';
import { FakeClock } from '../../../../src/time/fake-clock.js';

/** A token endpoint in memory: token-1, token-2, …; each fetch takes `takesUs` on the fake clock. */
class FakeFetcher implements TokenFetcher {
  calls = 0;
  challenges: (string | null)[] = [];
  failNext = false;
  pending: (() => void)[] = [];
  constructor(
    private readonly clock: FakeClock,
    private readonly expiresInSec: number | null,
    private readonly takesUs = 0,
    private readonly manual = false,
  ) {}
  async fetch(challenge: string | null): Promise<AccessToken> {
    this.calls++;
    this.challenges.push(challenge);
    if (this.manual) await new Promise<void>((resolve) => this.pending.push(resolve));
    if (this.takesUs > 0) await this.clock.advanceUs(this.takesUs);
    if (this.failNext) {
      this.failNext = false;
      throw new AuthError('token-failed', 'the token endpoint answered HTTP 401 (invalid_client)');
    }
    return { token: `token-${this.calls}`, expiresInSec: this.expiresInSec };
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('the token is fetched once for many calls and shared, timed on the injected clock', async () => {
  const clock = new FakeClock();
  const fetcher = new FakeFetcher(clock, 3600, 2_500);
  const source = new TokenSource(fetcher, clock);
  assert.equal(source.current(), null);
  await Promise.all([source.ready(), source.ready(), source.ready()]);
  for (let i = 0; i < 100; i++) assert.equal(source.current(), 'Bearer token-1');
  assert.equal(fetcher.calls, 1);
  const stats = source.stats.summary();
  assert.deepEqual({ ...stats, fetchUs: undefined, fetchHistogram: undefined }, { fetched: 1, refreshes: 0, afterUnauthorized: 0, failures: 0, fetchUs: undefined, fetchHistogram: undefined });
  assert.equal(stats.fetchUs.max, 2_500);
});

test('refreshed in the background at 90% of expires_in, the old token sent meanwhile', async () => {
  const clock = new FakeClock();
  const fetcher = new FakeFetcher(clock, 100);
  const source = new TokenSource(fetcher, clock);
  await source.ready();
  await clock.advanceUs(89_999_999);
  assert.equal(source.current(), 'Bearer token-1');
  assert.equal(fetcher.calls, 1, 'not due before 90 s of 100 s');
  await clock.advanceUs(1);
  assert.equal(source.current(), 'Bearer token-1', 'the old token is still sent while the refresh runs');
  assert.equal(source.current(), 'Bearer token-1');
  await settle();
  assert.equal(fetcher.calls, 2, 'one refresh, however many calls saw it due');
  assert.equal(source.current(), 'Bearer token-2');
  assert.equal(source.stats.summary().refreshes, 1);
  await clock.advanceUs(89_000_000);
  source.current();
  await settle();
  assert.equal(fetcher.calls, 2, 'the new token is due 90 s after its own fetch');
});

test('a token without expires_in is never refreshed; a failed refresh keeps the old token and is counted', async () => {
  const clock = new FakeClock();
  const forever = new TokenSource(new FakeFetcher(clock, null), clock);
  await forever.ready();
  await clock.advanceUs(10 ** 12);
  assert.equal(forever.current(), 'Bearer token-1');

  const fetcher = new FakeFetcher(clock, 10);
  const source = new TokenSource(fetcher, clock);
  await source.ready();
  await clock.advanceUs(9_000_000);
  fetcher.failNext = true;
  source.current();
  await settle();
  assert.equal(source.current(), 'Bearer token-1');
  assert.equal(source.stats.summary().failures, 1);
  assert.equal(fetcher.calls, 2, 'not tried again on the very next call');
  await clock.advanceUs(1_000_000);
  source.current();
  await settle();
  assert.equal(source.current(), 'Bearer token-3', 'tried again a second later (fetch 2 failed)');
});

test('after a 401: one new token for every call that got it, the challenge passed on; a newer token is reused', async () => {
  const clock = new FakeClock();
  const fetcher = new FakeFetcher(clock, null, 0, true);
  const source = new TokenSource(fetcher, clock);
  const first = source.ready();
  fetcher.pending.shift()!();
  await first;
  const challenge = 'Bearer resource_metadata="http://127.0.0.1:1/.well-known/oauth-protected-resource"';
  const renewals = [source.renew('Bearer token-1', challenge), source.renew('Bearer token-1', challenge), source.renew('Bearer token-1', challenge)];
  await settle();
  assert.equal(fetcher.calls, 2, 'single flight');
  fetcher.pending.shift()!();
  assert.deepEqual(await Promise.all(renewals), ['Bearer token-2', 'Bearer token-2', 'Bearer token-2']);
  assert.equal(fetcher.challenges[1], challenge);
  // A call that was sent with token-1 and comes back 401 after token-2 arrived: token-2, no fetch.
  assert.equal(await source.renew('Bearer token-1', null), 'Bearer token-2');
  assert.equal(fetcher.calls, 2);
  assert.equal(source.stats.summary().afterUnauthorized, 1);
});

test('no token: ready rejects with an AuthError, renew answers null; both counted as failures', async () => {
  const clock = new FakeClock();
  const fetcher = new FakeFetcher(clock, null);
  const source = new TokenSource(fetcher, clock);
  fetcher.failNext = true;
  await assert.rejects(source.ready(), (error) => error instanceof AuthError && error.code === 'token-failed');
  await source.ready();
  fetcher.failNext = true;
  assert.equal(await source.renew('Bearer token-2', null), null);
  assert.equal(source.stats.summary().failures, 2);
});
