import type { ReferenceServerOptions } from './options.js';
import type { Random } from '../random/seeded.js';

/** Waits `us` microseconds (see `preciseSleepUs`); injected so tests can record waits instead of sleeping. */
export type SleepUs = (us: number, signal?: AbortSignal) => Promise<void>;

/** The text of a tool result, or the message of a JSON-RPC error, produced by the `failRate` knob. */
export const INJECTED_FAILURE_MESSAGE = 'injected failure';

/** Whether a call with failure probability `rate` fails; 0 and 1 decide without drawing from `random`. */
export function failsWith(rate: number, random: Random): boolean {
  if (rate <= 0) return false;
  if (rate >= 1) return true;
  return random() < rate;
}

/**
 * The latency and failure knobs of the reference server. They apply to tools/call (except the `stats` tool),
 * resources/read and prompts/get; ping and the list methods are answered by the SDK untouched, so they measure the
 * raw protocol cost.
 *
 * Each call draws from the shared random source in a fixed order: first the jitter (only when jitter > 0), then
 * the failure (only when 0 < failRate < 1). A failRate of 0 never fails and 1 always fails without drawing, so
 * those settings leave the random sequence to the rest.
 */
export class FaultInjector {
  private readonly latencyUs: number;
  private readonly jitterUs: number;
  private readonly failRate: number;

  constructor(
    options: ReferenceServerOptions,
    private readonly random: Random,
    private readonly sleepUs: SleepUs,
  ) {
    this.latencyUs = Math.max(0, options.latencyUs);
    this.jitterUs = Math.max(0, options.jitterUs);
    this.failRate = options.failRate;
  }

  /** This call's delay: latency plus uniform jitter in [-jitter, +jitter), clamped at 0. */
  nextDelayUs(): number {
    if (this.jitterUs === 0) return this.latencyUs;
    const offsetUs = (this.random() * 2 - 1) * this.jitterUs;
    return Math.max(0, this.latencyUs + offsetUs);
  }

  /** Whether this call fails. */
  nextFails(): boolean {
    return failsWith(this.failRate, this.random);
  }

  /**
   * Applies the knobs to one call: draws its delay and its fate, waits the delay (no timer when it is 0) and
   * returns true when the call must fail.
   */
  async applyToCall(): Promise<boolean> {
    const delayUs = this.nextDelayUs();
    const fails = this.nextFails();
    if (delayUs > 0) await this.sleepUs(delayUs);
    return fails;
  }
}
