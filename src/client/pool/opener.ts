import type { Clock } from '../../time/clock.js';
import { ConnectError, type Connection } from '../connect.js';
import type { Outcome } from '../outcome.js';
import type { TargetPlan } from '../targets/registry.js';

/** Revivals that fail back to back before the endpoint counts as failed (the run then stops, exit 3). */
const MAX_REVIVE_FAILURES = 3;
const REVIVE_BACKOFF_US = [100_000, 500_000, 2_000_000];

/**
 * How a pool opens sessions after its first ones: a revival waits a backoff after failed ones (100 ms, 500 ms, 2 s)
 * and three failing in a row mark the endpoint failed; any opening that fails leaves the outcome waiting callers end
 * with. A replacement that fails does not count against the endpoint (the old session still serves).
 */
export class SessionOpener {
  private consecutiveFailures = 0;
  /** Why the last opening failed, as an outcome calls can be answered with; null after one succeeded. */
  lastFailure: Outcome | null = null;

  constructor(
    private readonly target: TargetPlan,
    private readonly openSession: (target: TargetPlan) => Promise<Connection>,
    private readonly clock: Clock,
  ) {}

  get failed(): boolean {
    return this.consecutiveFailures >= MAX_REVIVE_FAILURES;
  }

  /** A new session, or the ConnectError that kept it from opening (warming: the workload fails with it). */
  openOrThrow(): Promise<Connection> {
    return this.openSession(this.target);
  }

  /** A new session, or null when it could not be opened (`lastFailure` says why) or `stopped()` turned true meanwhile. */
  async open(revival: boolean, stopped: () => boolean): Promise<Connection | null> {
    const failures = this.consecutiveFailures;
    const backoffUs = revival && failures > 0 ? REVIVE_BACKOFF_US[Math.min(failures, REVIVE_BACKOFF_US.length) - 1]! : 0;
    if (backoffUs > 0) await this.clock.sleepUs(backoffUs);
    if (stopped()) return null;
    try {
      const connection = await this.openSession(this.target);
      this.consecutiveFailures = 0;
      this.lastFailure = null;
      return connection;
    } catch (error) {
      if (revival) this.consecutiveFailures++;
      this.lastFailure = { kind: 'transport', code: error instanceof ConnectError ? error.code.replace(/^transport:/, '') : 'closed' };
      return null;
    }
  }
}
