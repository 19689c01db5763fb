/**
 * Over Streamable HTTP, the SDK's own client path (fetch/undici, web streams) is the usual bottleneck of a hand-written
 * benchmark. One built-in server (`mcp-bench serve --transport http`, 127.0.0.1, port 0, echo with no latency) serves
 * both contenders, at 1 / 16 / 64 calls in flight, in alternating rounds:
 *   mcp-bench   a Plan with an `http: { url }` target run through runPlan + summarize, as `mcp-bench run` does
 *   SDK loop    the hand-written SDK Client loop over the SDK's StreamableHTTPClientTransport (bench/peers/sdk-loop.ts)
 * Target: mcp-bench ≥ 2.0× the SDK loop's calls/s at 16 in flight (the other levels are shown, not judged).
 * One short discarded pass of each contender warms the server up first. Writes reports/bench/http-vs-peer.{json,md}.
 *
 *   node --import tsx bench/http-vs-peer.ts [--levels 1,16,64] [--budget s] [--rounds 4] [--seconds 2] [--warmup 0.5] [--contenders 'mcp-bench,SDK loop']
 */
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { serveArgs } from '../src/client/transports/builtin.js';
import { withCpu } from './cpu-window.js';
import { FAST_SERVER, runMeasured, scenarioFor, startHttpServer } from './mcp-bench-path.js';
import { sdkLoop, type PeerCall } from './peers/sdk-loop.js';
import {
  benchEnvironment, checkTarget, contenderResults, count, countWarnings, progress, writeBenchResult, type BenchCase, type TargetCheck,
} from './report.js';
import { pairedRatio, runRounds, shareOfBudget, type Contender } from './rounds.js';
import { levelSettings } from './level-settings.js';

const { only, levels, rounds, durationMs, warmupMs, budgetEndMs } = levelSettings({ rounds: '4', seconds: '2', contenders: 'mcp-bench,SDK loop' });
const NAME = 'http-vs-peer';
const log = progress(NAME);
const ARGS = { message: 'hi' };
const TARGET_LEVEL = 16;
const warnings = countWarnings();

function contenders(url: string, concurrency: number, measureMs: number, warmMs: number): Contender[] {
  const echo: PeerCall = { weight: 1, run: (client) => client.callTool({ name: 'echo', arguments: ARGS }) };
  const workload = { concurrency, operation: { tool: 'echo', args: ARGS }, measure: { duration: `${measureMs}ms` }, ...(warmMs > 0 && { warmup: `${warmMs}ms` }) };
  return [
    {
      name: 'mcp-bench',
      run: () => withCpu(() => runMeasured(scenarioFor({ url }, workload), warmMs, measureMs)),
    },
    {
      name: 'SDK loop',
      run: () => withCpu(async () => {
        const r = await sdkLoop(new StreamableHTTPClientTransport(new URL(url)), [echo], { concurrency, warmupMs: warmMs, durationMs: measureMs });
        return { figures: { callsPerSec: r.callsPerSec, p50Us: r.p50Us, p99Us: r.p99Us, errors: 0 }, startMs: r.startedMs, endMs: r.startedMs + r.elapsedMs, calls: r.calls };
      }),
    },
  ];
}

const started = performance.now();
const startedAt = new Date().toISOString();
const environment = benchEnvironment();
const server = await startHttpServer();
const cases: BenchCase[] = [];
const targets: TargetCheck[] = [];
try {
  // The server's JIT takes a few seconds of load to settle (its first seconds run at half speed): not measured.
  log('warming the server up');
  for (const warm of contenders(server.url, TARGET_LEVEL, 2000, 0).filter((c) => only.has(c.name))) await warm.run();
  for (const [index, concurrency] of levels.entries()) {
    log(`${concurrency} in flight`);
    const deadline = shareOfBudget(budgetEndMs, levels.length - index);
    const chosen = contenders(server.url, concurrency, durationMs, warmupMs).filter((c) => only.has(c.name));
    const results = await runRounds(chosen, rounds, (line) => log(`c${concurrency} ${line}`), deadline);
    const ratio = pairedRatio(results, 'mcp-bench', 'SDK loop', 'callsPerSec');
    const cpu = pairedRatio(results, 'mcp-bench', 'SDK loop', 'cpuUsPerCall');
    const c: BenchCase = { name: `${concurrency} in flight`, contenders: contenderResults(results), ratios: [ratio, cpu] };
    cases.push(c);
    const rate = (name: string): string => `${name} ${count(c.contenders.find((x) => x.name === name)?.median.callsPerSec)}/s`;
    targets.push(checkTarget({
      benchmark: `Streamable HTTP echo, ${concurrency} in flight`,
      figures: `${rate('mcp-bench')} · ${rate('SDK loop')}`,
      quantity: 'mcp-bench / SDK loop calls/s',
      measured: ratio.median,
      interval: ratio.interval,
      comparator: concurrency === TARGET_LEVEL ? '>=' : 'none',
      limit: 2.0,
      unit: '×',
    }));
  }
} finally {
  await server.stop();
}

await writeBenchResult({
  name: NAME,
  title: `Streamable HTTP: mcp-bench vs a hand-written SDK loop (one built-in server, echo, no latency; ${rounds} alternating rounds of ${durationMs / 1000} s)`,
  startedAt,
  wallMs: performance.now() - started,
  environment,
  settings: { levels, rounds, durationMs, warmupMs, tool: 'echo', server: serveArgs('http', FAST_SERVER).join(' ') },
  cases,
  targets,
  notes: [
    'calls/s: medians of the rounds; ratios: medians of per-round ratios (contenders run back to back within a round).',
    'Both contenders open their own session on the same server process; the client and the server share this machine\'s cores.',
    'client CPU µs/call: this process\'s CPU (user + system) during the measured span, per measured call — set-up, warmup and the summary left out; steadier than calls/s on a busy machine.',
    ...Object.entries(warnings()).map(([name, n]) => `${n.toLocaleString('en-US')} × ${name} during the run${name === 'MaxListenersExceededWarning' ? " (the SDK's HTTP client transport adds an abort listener per request to one shared signal, never removed)" : ''}.`),
  ],
});
