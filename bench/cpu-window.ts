/**
 * This process's CPU time within a span of the run, for "client CPU per measured call": a timer samples
 * process.cpuUsage() every few milliseconds, and the CPU used between two instants is interpolated from the samples
 * around them. Set-up (spawning, connecting, resolving a plan, preflight), warmup and the summary stay outside the
 * span, so contenders that do different amounts of set-up compare on their calls alone.
 */
export class CpuWindow {
  private readonly times: number[] = [];
  private readonly cpuUs: number[] = [];
  private readonly timer: NodeJS.Timeout;
  private stopped = false;

  constructor(intervalMs = 10) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  /** CPU µs (user + system) used between two performance.now() instants; null outside what was sampled. */
  usedUs(fromMs: number, toMs: number): number | null {
    const a = this.at(fromMs);
    const b = this.at(toMs);
    return a === null || b === null ? null : b - a;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.sample();
    clearInterval(this.timer);
  }

  private sample(): void {
    const { user, system } = process.cpuUsage();
    this.times.push(performance.now());
    this.cpuUs.push(user + system);
  }

  private at(ms: number): number | null {
    const { times, cpuUs } = this;
    if (times.length === 0 || ms < times[0]! || ms > times[times.length - 1]!) return null;
    let i = 1;
    while (i < times.length - 1 && times[i]! < ms) i++;
    const t0 = times[i - 1]!;
    const t1 = times[i]!;
    const c0 = cpuUs[i - 1]!;
    const c1 = cpuUs[i]!;
    return t1 === t0 ? c1 : c0 + ((c1 - c0) * (ms - t0)) / (t1 - t0);
  }
}

/**
 * Runs `body` with a CpuWindow; `body` returns its figures, the measured span (performance.now() instants) and the
 * calls in it, and gets back its figures with `cpuUsPerCall` added.
 */
export async function withCpu<F extends Readonly<Record<string, number | null>>>(
  body: () => Promise<{ figures: F; startMs: number; endMs: number; calls: number }>,
): Promise<F & { cpuUsPerCall: number | null }> {
  const window = new CpuWindow();
  try {
    const { figures, startMs, endMs, calls } = await body();
    window.stop();
    const used = window.usedUs(startMs, endMs);
    return { ...figures, cpuUsPerCall: used !== null && calls > 0 ? used / calls : null };
  } finally {
    window.stop();
  }
}
