/**
 * How close does the autocannon engine come to autocannon itself, and how far beyond mcp-bench's client path does
 * it go? The same echo tools/call, the same number of connections, alternating rounds:
 *   engine      runAutocannon: unique ids, every answer parsed and recorded in µs
 *   standalone  plain autocannon with the same body and headers (a fixed id), counting answers only
 *   client      the SDK Client over mcp-bench's node:http transport, the same number of calls in flight
 * Two targets, each a child process: the reference server (`mcp-bench serve --transport http`), where the server
 * is the bottleneck, and a canned responder (bench/peers/canned-mcp-http.ts), where the client is — the one that
 * shows what the engine's own work per answer costs. After one discarded warm-up pass per target, reports calls/s
 * (median of rounds), this process's CPU per call, and the engine/standalone ratio (target ≥ 0.9×, judged on both
 * targets). Writes reports/bench/autocannon-engine.{json,md} in the suite's format (bench/report.ts).
 *
 *   node --import tsx bench/autocannon-engine.ts [--seconds 2] [--budget s] [--rounds 3] [--connections 32] [--target both|reference|canned]
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import autocannon from 'autocannon';
import { NodeHttpClientTransport } from '../src/client/transports/node-http.js';
import { runAutocannon } from '../src/engines/autocannon.js';
import { openMcpHttpSession } from '../src/engines/session.js';
import { latencyStats } from '../src/stats/histogram.js';
import { WorkloadRecorder } from '../src/metrics/recorder.js';
import type { OperationPlan } from '../src/operations/operation.js';
import { systemClock } from '../src/time/clock.js';
import { startHttpServer, startServerCommand } from './mcp-bench-path.js';
import {
  benchEnvironment, checkTarget, contenderResults, count, progress, writeBenchResult, type BenchCase, type Figures, type TargetCheck,
} from './report.js';
import { pairedRatio, runRounds, shareOfBudget, type Contender } from './rounds.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '2' },
    /** Seconds this benchmark may take in all: later rounds are skipped rather than overrun it (default: none). */
    budget: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    target: { type: 'string', default: 'both' },
  },
});
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const connections = Number(values.connections);
const ARGS = { message: 'hi' };
const budgetEndMs = values.budget === undefined ? Infinity : performance.now() + Number(values.budget) * 1000;
const NAME = 'autocannon-engine';
const log = progress(NAME);

const targets = {
  reference: () => startHttpServer(),
  canned: () => startServerCommand(process.execPath, ['--import', import.meta.resolve('tsx'), fileURLToPath(new URL('./peers/canned-mcp-http.ts', import.meta.url))]),
} as const;
type TargetName = keyof typeof targets;

interface Counted {
  readonly calls: number;
  readonly elapsedUs: number;
  readonly p50Us?: number | null;
  readonly p99Us?: number | null;
  readonly errors: number;
}

/** Runs `body`, returning its calls/s, latency, errors and this process's CPU time per call. */
async function timed(body: () => Promise<Counted>): Promise<Figures> {
  const cpuBefore = process.cpuUsage();
  const r = await body();
  const cpu = process.cpuUsage(cpuBefore);
  return {
    callsPerSec: (r.calls * 1e6) / r.elapsedUs,
    cpuUsPerCall: (cpu.user + cpu.system) / r.calls,
    p50Us: r.p50Us ?? null,
    p99Us: r.p99Us ?? null,
    errors: r.errors,
  };
}

const echo: OperationPlan = { name: 'tools/call echo', weight: 1, timeoutUs: 10_000_000, request: { method: 'tools/call', tool: 'echo', args: ARGS } };

const engine = (url: string, runSeconds: number): Promise<Figures> =>
  timed(async () => {
    const recorder = new WorkloadRecorder([echo.name]);
    const result = await runAutocannon(
      {
        operations: [echo], warmup: null, measure: { kind: 'duration', us: runSeconds * 1e6 }, seed: 1,
        engine: { kind: 'autocannon', pipelining: 1 },
      },
      { connections }, url, {}, { recorder, clock: systemClock, stopSignal: new AbortController().signal },
    );
    const op = recorder.operations[0]!;
    const stats = latencyStats(op.histogram);
    return { calls: op.count, elapsedUs: result.measureEndUs! - result.measureStartUs!, p50Us: stats.p50, p99Us: stats.p99, errors: op.count - op.ok };
  });

const standalone = (url: string, runSeconds: number): Promise<Figures> =>
  timed(async () => {
    const session = await openMcpHttpSession(url, {});
    try {
      const result = await autocannon({
        url, method: 'POST', connections, duration: runSeconds,
        headers: {
          'content-type': 'application/json', accept: 'application/json, text/event-stream',
          ...(session.sessionId ? { 'mcp-session-id': session.sessionId } : {}), 'mcp-protocol-version': session.protocolVersion,
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo', arguments: ARGS } }),
      });
      // autocannon's latency histogram holds whole milliseconds: shown as µs for the table, with that resolution.
      return { calls: result.requests.total, elapsedUs: result.duration * 1e6, p50Us: result.latency.p50 * 1000, p99Us: result.latency.p99 * 1000, errors: result.non2xx + result.errors };
    } finally {
      await session.close();
    }
  });

const client = (url: string, runSeconds: number): Promise<Figures> =>
  timed(async () => {
    const sdk = new Client({ name: 'bench', version: '0' });
    await sdk.connect(new NodeHttpClientTransport({ url, headers: {} }));
    const request = { method: 'tools/call', params: { name: 'echo', arguments: ARGS } };
    const started = performance.now();
    const deadline = started + runSeconds * 1000;
    let calls = 0;
    let errors = 0;
    await Promise.all(Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const result = await sdk.request(request, CallToolResultSchema);
        if (result.isError) errors++;
        calls++;
      }
    }));
    const elapsedUs = (performance.now() - started) * 1000;
    await sdk.close();
    return { calls, elapsedUs, errors };
  });

const CONTENDERS = { engine, standalone, client } as const;

function contenders(url: string, runSeconds: number): Contender[] {
  return Object.entries(CONTENDERS).map(([name, measure]) => ({ name, run: () => measure(url, runSeconds) }));
}

const CASE_NAMES: Record<TargetName, string> = {
  reference: 'Reference server (mcp-bench serve): the server is the bottleneck',
  canned: 'Canned responder: the client is the bottleneck',
};

async function benchTarget(target: TargetName, deadlineMs: number): Promise<{ case: BenchCase; check: TargetCheck }> {
  const server = await targets[target]();
  try {
    // One discarded pass: the server's JIT and this process's warm up before anything is timed.
    for (const warm of contenders(server.url, Math.min(1, seconds))) await warm.run();
    const results = await runRounds(contenders(server.url, seconds), rounds, (line) => log(`${target} ${line}`), deadlineMs);
    const vsStandalone = pairedRatio(results, 'engine', 'standalone', 'callsPerSec');
    const c: BenchCase = {
      name: CASE_NAMES[target],
      contenders: contenderResults(results),
      ratios: [vsStandalone, pairedRatio(results, 'engine', 'standalone', 'cpuUsPerCall'), pairedRatio(results, 'engine', 'client', 'callsPerSec')],
    };
    const rate = (name: string): string => `${name} ${count(c.contenders.find((x) => x.name === name)?.median.callsPerSec)}/s`;
    const check = checkTarget({
      benchmark: `autocannon engine, ${target === 'reference' ? 'reference server' : 'canned responder'}, ${connections} connections`,
      figures: `${rate('engine')} · ${rate('standalone')}`,
      quantity: 'engine / standalone calls/s',
      measured: vsStandalone.median,
      interval: vsStandalone.interval,
      comparator: '>=',
      limit: 0.9,
      unit: '×',
    });
    return { case: c, check };
  } finally {
    await server.stop();
  }
}

const chosen: TargetName[] = values.target === 'both' ? ['reference', 'canned'] : [values.target as TargetName];
if (!chosen.every((t) => t in targets)) throw new Error(`--target: reference, canned or both, not ${values.target}`);
const started = performance.now();
const startedAt = new Date().toISOString();
const environment = benchEnvironment();
const measured = [];
for (const [index, target] of chosen.entries()) measured.push(await benchTarget(target, shareOfBudget(budgetEndMs, chosen.length - index)));

await writeBenchResult({
  name: NAME,
  title: `autocannon engine vs standalone autocannon vs the client path: ${connections} connections, echo, ${rounds} alternating rounds of ${seconds} s`,
  startedAt,
  wallMs: performance.now() - started,
  environment,
  settings: { connections, seconds, rounds, targets: chosen },
  cases: measured.map((m) => m.case),
  targets: measured.map((m) => m.check),
  notes: [
    "standalone p50/p99 come from autocannon's own histogram, in whole milliseconds; engine p50/p99 are µs from mcp-bench's recorder.",
    'client CPU µs/call is this process\'s CPU time (user + system) over the run, per call: what the load generator spends per answer.',
    'client: the SDK Client over mcp-bench\'s node:http transport, the same number of calls in flight (no recorder).',
  ],
});
