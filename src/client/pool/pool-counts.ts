import { RECYCLE_CAUSES, type LeaveCause, type RecycleCause } from './member.js';

/** What a pool counts over its life, as the report's `pool` counters (counters.ts says how they merge). */
export class PoolCounts {
  opened = 0;
  grown = 0;
  reconnects = 0;
  reconnectFailures = 0;
  exhausted = 0;
  pings = 0;
  pingFailures = 0;
  private shrunk = 0;
  private unhealthy = 0;
  private waitedCalls = 0;
  private waitedUs = 0;
  private waitedMaxUs = 0;
  private readonly recycles: Record<RecycleCause, number> = { calls: 0, age: 0, rss: 0 };

  waited(us: number): void {
    this.waitedCalls++;
    this.waitedUs += us;
    if (us > this.waitedMaxUs) this.waitedMaxUs = us;
  }

  left(cause: LeaveCause): void {
    if (cause === 'idle') this.shrunk++;
    if (cause === 'health') this.unhealthy++;
  }

  recycled(cause: RecycleCause): void {
    this.recycles[cause]++;
  }

  stats(): Record<string, number> {
    const recycled = RECYCLE_CAUSES.reduce((sum, cause) => sum + this.recycles[cause], 0);
    return {
      reconnects: this.reconnects,
      reconnectFailures: this.reconnectFailures,
      ...(this.opened > 0 && { opened: this.opened }),
      ...(this.grown + this.shrunk > 0 && { grown: this.grown, shrunk: this.shrunk }),
      ...(this.waitedCalls + this.exhausted > 0 && {
        waited: this.waitedCalls,
        waitedUs: Math.round(this.waitedUs),
        waitedMaxUs: Math.round(this.waitedMaxUs),
        exhausted: this.exhausted,
      }),
      ...(this.pings > 0 && { pings: this.pings, pingFailures: this.pingFailures, unhealthy: this.unhealthy }),
      ...(recycled > 0 && Object.fromEntries(RECYCLE_CAUSES.map((cause) => [`recycled.${cause}`, this.recycles[cause]]))),
    };
  }
}
