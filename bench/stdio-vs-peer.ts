/**
 * Is mcp-bench's client ever the bottleneck over stdio? The built-in server (`echo`, no injected latency, so the
 * client is the limit) spawned over stdio, at 1 / 16 / 64 calls in flight, three contenders in alternating rounds
 * (A B C, then C B A, …), each spawning the same server build with the same command line:
 *   mcp-bench   a Plan run through runPlan + summarize, exactly what `mcp-bench run` does (figures from the report)
 *   SDK loop    the hand-written SDK Client loop a user would write (bench/peers/sdk-loop.ts)
 *   raw         a hand-written JSON-RPC client with no SDK (bench/peers/raw-jsonrpc-stdio.ts): the stretch target
 * Targets: mcp-bench ≥ 1.0× the SDK loop's calls/s at every level; stretch ≥ 0.9× raw.
 * Writes reports/bench/stdio-vs-peer.{json,md}.
 *
 *   node --import tsx bench/stdio-vs-peer.ts [--levels 1,16,64] [--budget s] [--rounds 5] [--seconds 1.5] [--warmup 0.5] [--contenders 'mcp-bench,SDK loop,raw JSON-RPC']
 */
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { serveArgs } from '../src/client/transports/builtin.js';
import { withCpu } from './cpu-window.js';
import { builtinStdioCommand, FAST_SERVER, runMeasured, scenarioFor } from './mcp-bench-path.js';
import { rawStdioLoop } from './peers/raw-jsonrpc-stdio.js';
import { sdkLoop, type PeerCall, type PeerResult } from './peers/sdk-loop.js';
import {
  benchEnvironment, checkTarget, contenderResults, count, progress, writeBenchResult, type BenchCase, type TargetCheck,
} from './report.js';
import { pairedRatio, runRounds, shareOfBudget, type Contender } from './rounds.js';
import { levelSettings } from './level-settings.js';

const { only, levels, rounds, durationMs, warmupMs, budgetEndMs } = levelSettings({ rounds: '5', seconds: '1.5', contenders: 'mcp-bench,SDK loop,raw JSON-RPC' });
const NAME = 'stdio-vs-peer';
const log = progress(NAME);
const ARGS = { message: 'hi' };

const peerFigures = (r: PeerResult) => ({
  figures: { callsPerSec: r.callsPerSec, p50Us: r.p50Us, p99Us: r.p99Us, errors: 0 },
  startMs: r.startedMs,
  endMs: r.startedMs + r.elapsedMs,
  calls: r.calls,
});

function contenders(concurrency: number): Contender[] {
  const server = builtinStdioCommand();
  const timing = { concurrency, warmupMs, durationMs };
  const echo: PeerCall = { weight: 1, run: (client) => client.callTool({ name: 'echo', arguments: ARGS }) };
  const workload = { concurrency, operation: { tool: 'echo', args: ARGS }, warmup: `${warmupMs}ms`, measure: { duration: `${durationMs}ms` } };
  return [
    {
      name: 'mcp-bench',
      run: () => withCpu(() => runMeasured(scenarioFor({ builtin: 'stdio' }, workload), warmupMs, durationMs)),
    },
    {
      name: 'SDK loop',
      run: () => withCpu(async () => peerFigures(await sdkLoop(new StdioClientTransport({ ...server, stderr: 'ignore' }), [echo], timing))),
    },
    {
      name: 'raw JSON-RPC',
      run: () => withCpu(async () => peerFigures(await rawStdioLoop(server.command, server.args, { method: 'tools/call', params: { name: 'echo', arguments: ARGS } }, timing))),
    },
  ];
}

const started = performance.now();
const startedAt = new Date().toISOString();
const environment = benchEnvironment();
const cases: BenchCase[] = [];
const targets: TargetCheck[] = [];
for (const [index, concurrency] of levels.entries()) {
  log(`${concurrency} in flight`);
  const deadline = shareOfBudget(budgetEndMs, levels.length - index);
  const results = await runRounds(contenders(concurrency).filter((c) => only.has(c.name)), rounds, (line) => log(`c${concurrency} ${line}`), deadline);
  const vsSdk = pairedRatio(results, 'mcp-bench', 'SDK loop', 'callsPerSec');
  const vsRaw = pairedRatio(results, 'mcp-bench', 'raw JSON-RPC', 'callsPerSec');
  const cpu = pairedRatio(results, 'mcp-bench', 'SDK loop', 'cpuUsPerCall');
  const c: BenchCase = { name: `${concurrency} in flight`, contenders: contenderResults(results), ratios: [vsSdk, vsRaw, cpu] };
  cases.push(c);
  const rate = (name: string): string => `${name} ${count(c.contenders.find((x) => x.name === name)?.median.callsPerSec)}/s`;
  const benchmark = `stdio echo, ${concurrency} in flight`;
  targets.push(
    checkTarget({ benchmark, figures: `${rate('mcp-bench')} · ${rate('SDK loop')}`, quantity: 'mcp-bench / SDK loop calls/s', measured: vsSdk.median, interval: vsSdk.interval, comparator: '>=', limit: 1.0, unit: '×' }),
    checkTarget({ benchmark, figures: `${rate('mcp-bench')} · ${rate('raw JSON-RPC')}`, quantity: 'mcp-bench / raw calls/s', measured: vsRaw.median, interval: vsRaw.interval, comparator: '>=', limit: 0.9, unit: '×', stretch: true }),
  );
}

await writeBenchResult({
  name: NAME,
  title: `stdio: mcp-bench vs a hand-written SDK loop vs raw JSON-RPC (built-in server, echo, no latency; ${rounds} alternating rounds of ${durationMs / 1000} s)`,
  startedAt,
  wallMs: performance.now() - started,
  environment,
  settings: { levels, rounds, durationMs, warmupMs, tool: 'echo', server: serveArgs('stdio', FAST_SERVER).join(' ') },
  cases,
  targets,
  notes: [
    'calls/s: medians of the rounds; ratios: medians of per-round ratios (contenders run back to back within a round).',
    "mcp-bench's calls/s is the report's throughput (completions in the nominal measured window); the peers' is calls over their loop's elapsed time.",
    'Every run spawns its own server (the same command line), and the client and server share this machine\'s cores.',
    'client CPU µs/call: this process\'s CPU (user + system) during the measured span, per measured call — set-up, warmup and the summary left out; steadier than calls/s on a busy machine.',
  ],
});
