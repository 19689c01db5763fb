import type { LeaveCause } from './member.js';

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
  private readonly recycles = { calls: 0, age: 0, rss: 0 };

  waited(us: number): void {
    this.waitedCalls++;
    this.waitedUs += us;
    if (us > this.waitedMaxUs) this.waitedMaxUs = us;
  }

  left(cause: LeaveCause): void {
    if (cause === 'idle') this.shrunk++;
    if (cause === 'health') this.unhealthy++;
  }

  recycled(cause: 'calls' | 'age' | 'rss'): void {
    this.recycles[cause]++;
  }

  stats(): Record<string, number> {
    const recycled = this.recycles.calls + this.recycles.age + this.recycles.rss;
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
      ...(recycled > 0 && { 'recycled.calls': this.recycles.calls, 'recycled.age': this.recycles.age, 'recycled.rss': this.recycles.rss }),
    };
  }
}
