/**
 * How close does the autocannon engine come to autocannon itself, and how far beyond mcp-bench's client path does
 * it go? The same echo tools/call, the same number of connections, alternating rounds:
 *   engine      runAutocannon: unique ids, every answer parsed and recorded in µs
 *   standalone  plain autocannon with the same body and headers (a fixed id), counting answers only
 *   client      the SDK Client over mcp-bench's node:http transport, the same number of calls in flight
 * Two targets, each a child process: the reference server (`mcp-bench serve --transport http`), where the server
 * is the bottleneck, and a canned responder (bench/peers/canned-mcp-http.ts), where the client is — the one that
 * shows what the engine's own work per answer costs. After one discarded warm-up pass per target, reports calls/s
 * (median of rounds), this process's CPU per call, and the engine/standalone ratio (target ≥ 0.9×).
 * Writes reports/bench/autocannon-engine.{json,md}.
 *
 *   node --import tsx bench/autocannon-engine.ts [--seconds 3] [--rounds 3] [--connections 32] [--target both|reference|canned]
 */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import autocannon from 'autocannon';
import { PLAIN_CLIENT } from '../src/client/policies.js';
import { NodeHttpClientTransport } from '../src/client/transports/node-http.js';
import { selfCommand } from '../src/client/transports/self-command.js';
import { runAutocannon } from '../src/engines/autocannon.js';
import { openMcpHttpSession } from '../src/engines/session.js';
import { latencyStats } from '../src/metrics/histogram.js';
import { WorkloadRecorder } from '../src/metrics/recorder.js';
import type { OperationPlan } from '../src/scenario/plan.js';
import { STREAMABLE_URL_PATTERN } from '../src/server/http.js';
import { systemClock } from '../src/time/clock.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    target: { type: 'string', default: 'both' },
  },
});
let seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const connections = Number(values.connections);
const ARGS = { message: 'hi' };

interface Measured {
  readonly callsPerSec: number;
  readonly cpuUsPerCall: number;
  readonly p50Us: number | null;
  readonly p99Us: number | null;
  readonly errors: number;
}

/** Spawns a server that prints `Streamable HTTP at <url>,` once listening. */
async function startServer(command: string, args: readonly string[]): Promise<{ url: string; stop: () => void }> {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = STREAMABLE_URL_PATTERN.exec(seen);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', () => reject(new Error('server exited')));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

const self = selfCommand();
const targets = {
  reference: () => startServer(self.command, [...self.args, 'serve', '--transport', 'http', '--port', '0']),
  canned: () => startServer(process.execPath, ['--import', import.meta.resolve('tsx'), fileURLToPath(new URL('./peers/canned-mcp-http.ts', import.meta.url))]),
} as const;
type TargetName = keyof typeof targets;

/** Runs `body`, returning its calls and this process's CPU time per call. */
async function timed(body: () => Promise<{ calls: number; elapsedUs: number; p50Us?: number; p99Us?: number; errors: number }>): Promise<Measured> {
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

const engine = (url: string): Promise<Measured> =>
  timed(async () => {
    const recorder = new WorkloadRecorder([echo.name]);
    const result = await runAutocannon(
      {
        type: 'concurrent', name: 'bench', operations: [echo], warmup: null, measure: { kind: 'duration', us: seconds * 1e6 }, seed: 1,
        client: PLAIN_CLIENT, endpoints: [], engine: { kind: 'autocannon', pipelining: 1 }, concurrency: connections,
      },
      url, {}, { recorder, clock: systemClock, stopSignal: new AbortController().signal },
    );
    const op = recorder.operations[0]!;
    const stats = latencyStats(op.histogram);
    return { calls: op.count, elapsedUs: result.measureEndUs! - result.measureStartUs!, p50Us: stats.p50, p99Us: stats.p99, errors: op.count - op.ok };
  });

const standalone = (url: string): Promise<Measured> =>
  timed(async () => {
    const session = await openMcpHttpSession(url, {});
    try {
      const result = await autocannon({
        url, method: 'POST', connections, duration: seconds,
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

const client = (url: string): Promise<Measured> =>
  timed(async () => {
    const sdk = new Client({ name: 'bench', version: '0' });
    await sdk.connect(new NodeHttpClientTransport({ url, headers: {} }));
    const request = { method: 'tools/call', params: { name: 'echo', arguments: ARGS } };
    const started = performance.now();
    const deadline = started + seconds * 1000;
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

const contenders: ReadonlyArray<readonly [string, (url: string) => Promise<Measured>]> = [
  ['engine', engine],
  ['standalone', standalone],
  ['client', client],
];

type Results = Record<string, Measured[]>;

async function benchTarget(target: TargetName): Promise<Results> {
  const server = await targets[target]();
  const results: Results = {};
  try {
    // One discarded pass: the server's JIT and this process's warm up before anything is timed.
    const timedSeconds = seconds;
    seconds = Math.min(1, seconds);
    for (const [, measure] of contenders) await measure(server.url);
    seconds = timedSeconds;
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? contenders : [...contenders].reverse();
      for (const [name, measure] of order) {
        const m = await measure(server.url);
        (results[name] ??= []).push(m);
        process.stderr.write(`${target} round ${round + 1} ${name}: ${Math.round(m.callsPerSec)} calls/s, ${Math.round(m.cpuUsPerCall)} µs CPU/call, ${m.errors} errors\n`);
      }
    }
  } finally {
    server.stop();
  }
  return results;
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const show = (x: number | null): string => (x === null ? '—' : String(Math.round(x)));

function table(target: TargetName, results: Results): string {
  const medianOf = (name: string, pick: (m: Measured) => number | null): number | null => {
    const xs = (results[name] ?? []).map(pick).filter((x): x is number => x !== null);
    return xs.length ? median(xs) : null;
  };
  const lines = [
    `## ${target === 'reference' ? 'Reference server (mcp-bench serve): the server is the bottleneck' : 'Canned responder: the client is the bottleneck'}`,
    '',
    '| path | calls/s (median) | client CPU µs/call | p50 µs | p99 µs | calls/s per round |',
    '|---|---:|---:|---:|---:|---|',
  ];
  for (const [name] of contenders) {
    const perRound = (results[name] ?? []).map((m) => Math.round(m.callsPerSec)).join(', ');
    lines.push(
      `| ${name} | ${show(medianOf(name, (m) => m.callsPerSec))} | ${show(medianOf(name, (m) => m.cpuUsPerCall))} | ` +
        `${show(medianOf(name, (m) => m.p50Us))} | ${show(medianOf(name, (m) => m.p99Us))} | ${perRound} |`,
    );
  }
  // Rounds run back to back, so a round's engine and standalone runs saw the same machine: their ratio is steadier
  // than a ratio of medians when something else is using the CPU.
  const paired = (a: string, b: string): number[] =>
    (results[a] ?? []).map((m, i) => m.callsPerSec / (results[b]?.[i]?.callsPerSec || Infinity));
  const ratios = paired('engine', 'standalone');
  const cpuRatio = (medianOf('engine', (m) => m.cpuUsPerCall) ?? 0) / (medianOf('standalone', (m) => m.cpuUsPerCall) || 1);
  lines.push(
    '',
    `engine / standalone calls/s: ${median(ratios).toFixed(2)}× (median of per-round ratios ${ratios.map((r) => r.toFixed(2)).join(', ')}; ` +
      `target ≥ 0.9×), client CPU per call ${cpuRatio.toFixed(2)}×; engine / client calls/s: ${median(paired('engine', 'client')).toFixed(2)}×.`,
  );
  return lines.join('\n');
}

const chosen: TargetName[] = values.target === 'both' ? ['reference', 'canned'] : [values.target as TargetName];
if (!chosen.every((t) => t in targets)) throw new Error(`--target: reference, canned or both, not ${values.target}`);
const all: Partial<Record<TargetName, Results>> = {};
for (const target of chosen) all[target] = await benchTarget(target);
const sections = chosen.map((target) => table(target, all[target] ?? {}));
const markdown =
  `# autocannon engine vs standalone autocannon vs the client path: ${connections} connections, echo, ${seconds}s × ${rounds} rounds\n\n` +
  `${sections.join('\n\n')}\n\n` +
  "standalone p50/p99 come from autocannon's own histogram, in whole milliseconds; engine p50/p99 are µs from mcp-bench's recorder.\n";
await mkdir('reports/bench', { recursive: true });
await writeFile('reports/bench/autocannon-engine.json', JSON.stringify({ connections, seconds, rounds, results: all }, null, 2));
await writeFile('reports/bench/autocannon-engine.md', markdown);
process.stdout.write(markdown);
