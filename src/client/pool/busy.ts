/**
 * Sessions busy (holding at least one call) over time: the peak, and the time-weighted mean, each as a share of the
 * pool's maximum. The proxy guides alert when the peak nears the maximum (90%): callers start to wait beyond it.
 */
export class BusyMeter {
  private busy = 0;
  peak = 0;
  /** Busy sessions × µs, summed since the first call (the pool's set-up and idle wait before it do not count). */
  private areaUs = 0;
  private startUs: number | null = null;
  private lastUs = 0;

  change(delta: 1 | -1, nowUs: number): void {
    this.startUs ??= nowUs;
    this.areaUs += this.busy * (nowUs - this.lastUs);
    this.lastUs = nowUs;
    this.busy += delta;
    if (this.busy > this.peak) this.peak = this.busy;
  }

  /** Mean sessions busy from the first call to `nowUs`. */
  mean(nowUs: number): number {
    if (this.startUs === null) return 0;
    const spanUs = nowUs - this.startUs;
    if (spanUs <= 0) return 0;
    return (this.areaUs + this.busy * (nowUs - this.lastUs)) / spanUs;
  }
}
