import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clockTicksPerSecond, ServerResourceSampler } from '../../../src/metrics/server-resources.js';
import { linuxProc, parseChildren, parseRssBytes, parseStatTicks, readTrees, type ProcSource } from '../../../src/client/transports/proc-tree.js';
import type { ServerResourcesSummary } from '../../../src/metrics/harness-types.js';
import { FakeClock } from '../../../src/time/fake-clock.js';

// Read from a live node process on Linux: utime 6, stime 0 (fields 14 and 15), VmRSS 41856 kB.
const NODE_STAT =
  '12142 (node) R 12140 12140 7690 0 -1 4194304 2183 0 0 0 6 0 0 0 20 0 7 0 1173495 745730048 10104 18446744073709551615 ' +
  '11988992 39846385 140733760677648 0 0 0 0 16781312 17922 0 0 0 17 1 0 0 0 0 0 90418888 90555584 634482688 140733760682550 ' +
  '140733760682729 140733760682729 140733760684010 0\n';
const NODE_STATUS =
  'Name:\tnode\nUmask:\t0022\nState:\tR (running)\nTgid:\t12142\nNgid:\t0\nPid:\t12142\nPPid:\t12140\nTracerPid:\t0\n' +
  'FDSize:\t256\nVmPeak:\t  728760 kB\nVmSize:\t  728508 kB\nVmLck:\t       0 kB\nVmPin:\t       0 kB\nVmHWM:\t   41856 kB\n' +
  'VmRSS:\t   41856 kB\nRssAnon:\t    6688 kB\nRssFile:\t   35168 kB\nRssShmem:\t       0 kB\nVmData:\t   48876 kB\nThreads:\t7\n';
const ZOMBIE_STATUS = 'Name:\tnode\nState:\tZ (zombie)\nTgid:\t12142\nPid:\t12142\nPPid:\t12140\nThreads:\t1\n';

/** A /proc/<pid>/stat line with the given CPU ticks split between utime and stime. */
function statLine(pid: number, ticks: number, name = 'node'): string {
  const utime = Math.ceil(ticks / 2);
  return `${pid} (${name}) S 1 ${pid} ${pid} 0 -1 4194304 100 0 0 0 ${utime} ${ticks - utime} 0 0 20 0 7 0 1173495 745730048 10104 0 0\n`;
}

/** A scripted /proc: processes by pid, each with ticks, RSS and children; a text is what the process held when read. */
class FakeProc implements ProcSource {
  readonly processes = new Map<number, { ticks: number; rssKb: number; children?: number[] }>();

  set(pid: number, ticks: number, rssMb: number, children: number[] = []): void {
    this.processes.set(pid, { ticks, rssKb: rssMb * 1000, children });
  }

  read(path: string): Promise<string | null> {
    return Promise.resolve(this.text(path));
  }

  private text(path: string): string | null {
    const match = /^\/proc\/(\d+)\/(stat|status|task\/(\d+)\/children)$/.exec(path);
    const p = match ? this.processes.get(Number(match[1])) : undefined;
    if (!match || !p) return null;
    if (match[2] === 'stat') return statLine(Number(match[1]), p.ticks);
    if (match[2] === 'status') return `Name:\tnode\nVmRSS:\t${p.rssKb} kB\nThreads:\t7\n`;
    return match[3] === match[1] ? (p.children ?? []).map((c) => `${c} `).join('') : '';
  }
}

const MB = 1_000 * 1_024; // FakeProc's "MB" is 1000 kB of /proc's 1024-byte kB

describe('/proc parsers', () => {
  it('stat: utime + stime, fields counted after the last parenthesis of the command name', () => {
    assert.equal(parseStatTicks(NODE_STAT), 6);
    assert.equal(parseStatTicks(statLine(42, 1234, 'my (odd) server')), 1234, 'a name with spaces and parentheses');
    assert.equal(parseStatTicks('42 (node) S 1 2 3'), null, 'truncated');
    assert.equal(parseStatTicks('garbage'), null);
  });

  it('status: VmRSS in bytes; none for a zombie', () => {
    assert.equal(parseRssBytes(NODE_STATUS), 41_856 * 1024);
    assert.equal(parseRssBytes(ZOMBIE_STATUS), null);
  });

  it('children: pids from a task children file', () => {
    assert.deepEqual(parseChildren('11930 11952 '), [11930, 11952]);
    assert.deepEqual(parseChildren(''), []);
  });
});

describe('readTrees', () => {
  it('sums each server and its descendants (a wrapper and the real server under it)', async () => {
    const proc = new FakeProc();
    proc.set(100, 10, 40, [101]); // npx-like wrapper
    proc.set(101, 500, 120, [102]); // the server
    proc.set(102, 5, 8); // something the server started
    proc.set(200, 300, 100); // a second session's server
    const reading = (await readTrees([100, 200], proc))!;
    assert.deepEqual([...reading.ticks].sort((a, b) => a[0] - b[0]), [[100, 10], [101, 500], [102, 5], [200, 300]]);
    assert.equal(reading.rssBytes, (40 + 120 + 8 + 100) * MB);
  });

  it('a process gone is skipped; nothing readable gives null', async () => {
    const proc = new FakeProc();
    proc.set(100, 10, 40, [101]); // 101 has exited
    assert.equal((await readTrees([100], proc))!.rssBytes, 40 * MB);
    assert.equal(await readTrees([999], proc), null);
  });

  it('on this machine: the test process itself, with RSS and CPU', { skip: process.platform !== 'linux' && 'reads /proc' }, async () => {
    const reading = (await readTrees([process.pid], linuxProc))!;
    assert.ok(reading.ticks.get(process.pid)! > 0, 'loading tsx and this file took CPU');
    assert.ok(reading.rssBytes > 10 * 1e6, `node holds more than 10 MB (${reading.rssBytes})`);
    assert.equal(clockTicksPerSecond(), 100, 'USER_HZ on Linux');
  });
});

/** A sampler over a FakeProc on a fake clock, 100 ticks per second, 1 s interval. */
function sampler(proc: FakeProc, pids: () => number[], maxSamples?: number): { clock: FakeClock; sampler: ServerResourceSampler } {
  const clock = new FakeClock(10_000_000);
  return { clock, sampler: new ServerResourceSampler(pids, { clock, proc, ticksPerSec: 100, ...(maxSamples && { maxSamples }) }) };
}

describe('ServerResourceSampler', () => {
  it('one sample at start, one a second, CPU since the previous one; the process exiting ends the samples', async () => {
    const proc = new FakeProc();
    proc.set(100, 1_000, 50);
    const { clock, sampler: s } = sampler(proc, () => [100]);
    s.start();
    proc.set(100, 1_050, 51); // 50 ticks in 1 s: half a core
    await clock.advanceUs(1_000_000);
    proc.set(100, 1_150, 53); // a full core
    await clock.advanceUs(1_000_000);
    proc.processes.delete(100); // the server exited
    await clock.advanceUs(1_000_000);
    await clock.advanceUs(500_000);
    const summary = await s.stop(10_500_000); // the measured phase began 0.5 s after sampling did
    assert.deepEqual(summary, {
      intervalUs: 1_000_000,
      samples: [
        { tUs: -500_000, cpuPercent: 0, rssBytes: 50 * MB },
        { tUs: 500_000, cpuPercent: 50, rssBytes: 51 * MB },
        { tUs: 1_500_000, cpuPercent: 100, rssBytes: 53 * MB },
      ],
      meanCpuPercent: 75,
      peakRssBytes: 53 * MB,
      firstRssBytes: 50 * MB,
      lastRssBytes: 53 * MB,
    } satisfies ServerResourcesSummary);
    assert.equal(clock.pendingTimers, 0, 'no timer left behind');
  });

  it('stop takes a last sample when the previous one is at least 100 ms old, and returns the same figures twice', async () => {
    const proc = new FakeProc();
    proc.set(100, 0, 60);
    const { clock, sampler: s } = sampler(proc, () => [100]);
    s.start();
    await clock.advanceUs(1_000_000);
    proc.set(100, 10, 61); // 10 ticks in the 0.4 s since the last sample: 25%
    await clock.advanceUs(400_000);
    const summary = (await s.stop(null))!;
    assert.deepEqual(summary.samples.map((x) => [x.tUs, x.cpuPercent, x.rssBytes]), [[0, 0, 60 * MB], [1_000_000, 0, 60 * MB], [1_400_000, 25, 61 * MB]]);
    assert.equal(summary.meanCpuPercent, Math.round((10 / 1.4) * 10) / 10, 'mean over the whole span, not of the samples');
    assert.equal(await s.stop(0), summary, 'a second stop changes nothing');
  });

  it('a session re-opened mid-run: the new server is sampled, its CPU since it started falls in its first span', async () => {
    const proc = new FakeProc();
    let pids = [100];
    proc.set(100, 200, 70);
    const { clock, sampler: s } = sampler(proc, () => pids);
    s.start();
    proc.processes.delete(100);
    await clock.advanceUs(1_000_000); // between the close and the re-open: no sample
    pids = [300];
    proc.set(300, 40, 65);
    await clock.advanceUs(1_000_000);
    const summary = (await s.stop(10_000_000))!;
    assert.deepEqual(summary.samples.map((x) => [x.tUs, x.cpuPercent, x.rssBytes]), [[0, 0, 70 * MB], [2_000_000, 20, 65 * MB]]);
    assert.equal(summary.meanCpuPercent, 20);
  });

  it('servers gone before the first sample: no figures', async () => {
    const { clock, sampler: s } = sampler(new FakeProc(), () => [100]);
    s.start();
    await clock.advanceUs(2_000_000);
    assert.equal(await s.stop(null), null);
  });

  it('samples are capped: neighbours merged pairwise, the interval doubled; mean, peak and last stay exact', async () => {
    const proc = new FakeProc();
    const { clock, sampler: s } = sampler(proc, () => [100], 6);
    let ticks = 0;
    proc.set(100, ticks, 10);
    s.start();
    for (let second = 1; second <= 9; second++) {
      ticks += second === 5 ? 90 : 20; // 20% of a core, 90% in the fifth second
      proc.set(100, ticks, 10 + second, []);
      if (second === 5) proc.set(100, ticks, 99); // a peak that a merged sample no longer shows
      await clock.advanceUs(1_000_000);
    }
    const summary = (await s.stop(10_000_000))!;
    assert.ok(summary.samples.length <= 6, `${summary.samples.length} samples kept`);
    assert.equal(summary.intervalUs, 4_000_000, 'two decimations: 1 s → 2 s → 4 s');
    assert.deepEqual(summary.samples.map((x) => [x.tUs, x.cpuPercent]), [[0, 0], [4_000_000, 20], [8_000_000, 37.5], [9_000_000, 20]]);
    assert.equal(summary.meanCpuPercent, Math.round(((8 * 20 + 90) / 9) * 10) / 10);
    assert.equal(summary.peakRssBytes, 99 * MB);
    assert.equal(summary.firstRssBytes, 10 * MB);
    assert.equal(summary.lastRssBytes, 19 * MB);
  });
});
