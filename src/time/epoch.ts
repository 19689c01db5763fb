import { performance } from 'node:perf_hooks';

/**
 * Wall-clock time since the Unix epoch in µs, for figures two processes compare (a server's stamp against a client's
 * receipt): comparable across processes on one machine, and across machines only as far as their clocks agree.
 * Durations within a process use the injected monotonic Clock (clock.ts), never this.
 */
export function epochNowUs(): number {
  return (performance.timeOrigin + performance.now()) * 1000;
}
