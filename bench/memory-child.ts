/**
 * The process bench/memory.ts watches: mcp-bench at full load (the built-in server over stdio, echo with no latency,
 * `--concurrency` calls in flight) through runPlan for `--seconds`, printing one JSON line per second of measuring
 * with this process's memory: `{"t":10,"rssBytes":…,"heapUsedBytes":…}`, and at each `--marks` second also the heap
 * after a forced GC (`heapAfterGcBytes`, when run with --expose-gc). The last line is `{"done":true,…}` with the
 * run's calls/s. Run by memory.ts, not by hand (though it works by hand).
 *
 *   node --expose-gc --import tsx bench/memory-child.ts [--seconds 62] [--concurrency 64] [--marks 10,60]
 */
import { parseArgs } from 'node:util';
import { figuresOf, runScenario, scenarioFor } from './mcp-bench-path.js';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '62' }, concurrency: { type: 'string', default: '64' }, marks: { type: 'string', default: '10,60' } },
});
const seconds = Number(values.seconds);
const marks = new Set(values.marks.split(',').map(Number));
const gc = (globalThis as { gc?: () => void }).gc;

function sample(t: number): void {
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  const line: Record<string, number> = { t, rssBytes: rss, heapUsedBytes: heapUsed, externalBytes: external, arrayBuffersBytes: arrayBuffers };
  if (marks.has(t) && gc) {
    gc();
    line.heapAfterGcBytes = process.memoryUsage().heapUsed;
  }
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

let timer: NodeJS.Timeout | undefined;
const summary = await runScenario(
  scenarioFor({ builtin: 'stdio' }, {
    concurrency: Number(values.concurrency), operation: { tool: 'echo', args: { message: 'hi' } }, measure: { duration: `${seconds}s` },
  }),
  {
    // Measuring starts here (no warmup): a timer samples once a second from now on, nothing is added to the hot path.
    onMeasuring: () => {
      const startedMs = performance.now();
      let next = 1;
      const tick = (): void => {
        sample(next);
        next++;
        timer = setTimeout(tick, Math.max(0, startedMs + next * 1000 - performance.now()));
      };
      timer = setTimeout(tick, 1000);
    },
  },
);
clearTimeout(timer);
process.stdout.write(`${JSON.stringify({ done: true, ...figuresOf(summary) })}\n`);
