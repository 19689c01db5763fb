import type { Random } from '../../random/seeded.js';
import type { Outcome } from '../outcome.js';
import type { RetryPolicy } from './retry.js';

type BackoffPolicy = Pick<RetryPolicy, 'backoff' | 'baseUs' | 'maxUs' | 'multiplier' | 'jitter'>;

/**
 * The delay before retry number `retryNumber` (1 = the first retry), in µs: exponential `base·multiplier^(n-1)`,
 * linear `base·n`, or constant `base`; capped at `maxUs`, then jittered: `full` draws uniformly from [0, d),
 * `equal` from [d/2, d), `none` is d. The cap applies before jitter, so no delay ever exceeds `maxUs`.
 */
export function backoffDelayUs(policy: BackoffPolicy, retryNumber: number, random: Random): number {
  const delay = Math.min(policy.maxUs, uncappedDelayUs(policy, retryNumber));
  switch (policy.jitter) {
    case 'full':
      return random() * delay;
    case 'equal':
      return delay / 2 + random() * (delay / 2);
    default:
      return delay;
  }
}

function uncappedDelayUs(policy: BackoffPolicy, retryNumber: number): number {
  switch (policy.backoff) {
    case 'exponential':
      return policy.baseUs * policy.multiplier ** (retryNumber - 1);
    case 'linear':
      return policy.baseUs * retryNumber;
    default:
      return policy.baseUs;
  }
}

/**
 * The delay before a retry of `outcome`: the server's Retry-After when the policy respects it and the outcome
 * carries one (not jittered: the server said when), capped at `maxUs`; otherwise the computed backoff.
 */
export function retryDelayUs(
  policy: BackoffPolicy & Pick<RetryPolicy, 'respectRetryAfter'>,
  retryNumber: number,
  outcome: Outcome,
  random: Random,
): number {
  if (policy.respectRetryAfter && outcome.kind === 'transport' && outcome.retryAfterUs !== undefined) {
    return Math.min(policy.maxUs, Math.max(0, outcome.retryAfterUs));
  }
  return backoffDelayUs(policy, retryNumber, random);
}
