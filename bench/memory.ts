/**
 * Does mcp-bench's memory stay flat under load? A child process (bench/memory-child.ts, with --expose-gc) runs
 * mcp-bench at full load — the built-in server over stdio, echo with no latency, 64 calls in flight — for 62 s and
 * reports its own process.memoryUsage() every second; here: RSS and heap used at the 10 s and 60 s marks, the heap
 * after a forced GC at both, and the RSS growth between them (the mean of the 5 s ending at each mark: RSS saws up and
 * down between collections). Target: RSS growth < 10%.
 * Writes reports/bench/memory.{json,md}.
 *
 *   node --import tsx bench/memory.ts [--seconds 60] [--first 10] [--concurrency 64]
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchEnvironment, checkTarget, count, progress, writeBenchResult, type Figures } from './report.js';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '60' }, first: { type: 'string', default: '10' }, concurrency: { type: 'string', default: '64' } },
});
const last = Number(values.seconds);
const first = Number(values.first);
const concurrency = Number(values.concurrency);
const NAME = 'memory';
const log = progress(NAME);

type Sample = Record<string, number> & { t: number };

async function runChild(): Promise<{ samples: Sample[]; done: Figures }> {
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--import', import.meta.resolve('tsx'), fileURLToPath(new URL('./memory-child.ts', import.meta.url)),
      '--seconds', String(last + 2), '--concurrency', String(concurrency), '--marks', `${first},${last}`],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const samples: Sample[] = [];
  let done: Figures | null = null;
  for await (const line of createInterface({ input: child.stdout })) {
    const parsed = JSON.parse(line) as Sample & { done?: boolean };
    if (parsed.done) done = parsed;
    else {
      samples.push(parsed);
      if (parsed.t % 10 === 0 || parsed.t === first) log(`${parsed.t} s: RSS ${mb(parsed.rssBytes)} MB, heap ${mb(parsed.heapUsedBytes)} MB`);
    }
  }
  const code = await new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));
  if (code !== 0 || done === null) throw new Error(`memory child exited with code ${String(code)}`);
  return { samples, done };
}

const mb = (bytes: number | undefined): number | null => (bytes === undefined ? null : Math.round((bytes / 2 ** 20) * 10) / 10);

const started = performance.now();
const startedAt = new Date().toISOString();
const environment = benchEnvironment();
const { samples, done } = await runChild();
const at = (t: number): Sample | undefined => samples.find((s) => s.t === t);
const a = at(first);
const b = at(last);
const growth = (key: string): number | null => (a?.[key] && b?.[key] ? b[key]! / a[key]! - 1 : null);
const figures = (s: Sample | undefined): Figures => ({
  rssMb: mb(s?.rssBytes), heapUsedMb: mb(s?.heapUsedBytes), heapAfterGcMb: mb(s?.heapAfterGcBytes), externalMb: mb(s?.externalBytes),
});
/**
 * RSS rises and falls by tens of MB between collections at this load, so one sample per mark would judge the sawtooth:
 * the target compares the mean of the five one-second samples ending at each mark.
 */
const rssMean = (t: number): number | null => {
  const window = samples.filter((s) => s.t > t - 5 && s.t <= t && s.rssBytes !== undefined).map((s) => s.rssBytes!);
  return window.length === 0 ? null : window.reduce((x, y) => x + y, 0) / window.length;
};
const meanA = rssMean(first);
const meanB = rssMean(last);
const rssGrowth = meanA && meanB ? meanB / meanA - 1 : null;
const peak = Math.max(...samples.map((s) => s.rssBytes ?? 0));

await writeBenchResult({
  name: NAME,
  title: `Memory: mcp-bench at full load for ${last} s (stdio, echo, no latency, ${concurrency} in flight)`,
  startedAt,
  wallMs: performance.now() - started,
  environment,
  settings: { concurrency, firstMarkS: first, lastMarkS: last },
  cases: [{
    name: `RSS and heap at ${first} s and ${last} s (MB)`,
    contenders: [
      { name: `at ${first} s`, rounds: [figures(a)], median: figures(a) },
      { name: `at ${last} s`, rounds: [figures(b)], median: figures(b) },
    ],
    ratios: [],
  }],
  targets: [checkTarget({
    benchmark: `memory at full load, ${first} s → ${last} s`,
    figures: `RSS (5 s mean) ${mb(meanA ?? undefined) ?? '—'} → ${mb(meanB ?? undefined) ?? '—'} MB; heap after GC ${mb(a?.heapAfterGcBytes) ?? '—'} → ${mb(b?.heapAfterGcBytes) ?? '—'} MB`,
    quantity: 'RSS growth',
    measured: rssGrowth,
    comparator: '<',
    limit: 0.1,
    unit: '%',
  })],
  notes: [
    `${count(done.callsPerSec)} calls/s over the run (${count(done.errors)} errors); peak RSS ${mb(peak)} MB.`,
    `RSS growth judged on the mean of the five samples ending at each mark (${mb(meanA ?? undefined) ?? '—'} → ${mb(meanB ?? undefined) ?? '—'} MB); the single samples at the marks: ${fmt(growth('rssBytes'))}.`,
    `Heap used growth ${fmt(growth('heapUsedBytes'))}, heap after a forced GC ${fmt(growth('heapAfterGcBytes'))} (the GC runs right after each mark's sample).`,
    `RSS every 5 s (MB): ${samples.filter((s) => s.t % 5 === 0).map((s) => mb(s.rssBytes)).join(', ')}.`,
  ],
});

function fmt(x: number | null): string {
  return x === null ? '—' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
}
