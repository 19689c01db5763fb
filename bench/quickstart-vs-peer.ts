/**
 * The quickstart, measured by mcp-bench and by a hand-written SDK loop (bench/peers/sdk-loop.ts), alternating in one
 * invocation against the same built-in server (stdio, 1 ms injected latency): echo sequential p50/p99, and the
 * calls/s of the 16-in-flight mix. Writes reports/bench/quickstart-vs-peer.{json,md}.
 *
 *   node --import tsx bench/quickstart-vs-peer.ts [--rounds 2]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ServerLog } from '../src/client/transports/server-log.js';
import { serveArgs } from '../src/client/transports/builtin.js';
import { selfCommand } from '../src/client/transports/self-command.js';
import { summarize } from '../src/summary/summarize.js';
import { runPlan } from '../src/runner/run.js';
import { loadPlan } from '../src/scenario/load.js';
import { systemClock } from '../src/time/clock.js';
import { sdkLoop, type PeerCall } from './peers/sdk-loop.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '2' } } });
const rounds = Number(values.rounds);
const environment = { node: process.version, platform: process.platform, arch: process.arch, osRelease: '', cpus: { count: 0, model: '' }, memoryBytes: 0 };

type Figures = { echoP50Us: number; echoP99Us: number; mixCallsPerSec: number };

async function mcpBench(): Promise<Figures> {
  const loaded = await loadPlan('scenarios/quickstart.yaml', process.env);
  if (!loaded.ok) throw new Error('quickstart does not validate');
  const result = await runPlan(loaded.plan, { clock: systemClock, serverLog: new ServerLog(), stopSignal: new AbortController().signal, now: () => new Date() });
  const summary = summarize(result, environment, 'bench');
  const echo = summary.workloads[0]!.operations[0]!;
  return { echoP50Us: echo.latencyUs.p50, echoP99Us: echo.latencyUs.p99, mixCallsPerSec: Math.round(summary.workloads[1]!.total.throughputPerSec) };
}

function builtinTransport(): StdioClientTransport {
  const self = selfCommand();
  const server = { latencyUs: 1000, jitterUs: 0, failRate: 0, seed: 1 };
  return new StdioClientTransport({ command: self.command, args: [...self.args, ...serveArgs('stdio', server)], stderr: 'ignore' });
}

async function peer(): Promise<Figures> {
  const echo: PeerCall = { weight: 1, run: (c) => c.callTool({ name: 'echo', arguments: { message: 'hello' } }) };
  const seq = await sdkLoop(builtinTransport(), [echo], { concurrency: 1, warmupCalls: 200, iterations: 2000 });
  const mix: PeerCall[] = [
    { weight: 3, run: (c) => c.callTool({ name: 'echo', arguments: { message: 'hi' } }) },
    { weight: 1, run: (c) => c.readResource({ uri: 'bench://static/small' }) },
    { weight: 1, run: (c) => c.getPrompt({ name: 'greeting', arguments: { name: 'world' } }) },
    { weight: 1, run: (c) => c.listTools() },
    { weight: 1, run: (c) => c.ping() },
  ];
  const conc = await sdkLoop(builtinTransport(), mix, { concurrency: 16, warmupMs: 1000, durationMs: 5000 });
  return { echoP50Us: seq.p50Us, echoP99Us: seq.p99Us, mixCallsPerSec: Math.round(conc.callsPerSec) };
}

const results: Record<'mcp-bench' | 'hand-written SDK loop', Figures[]> = { 'mcp-bench': [], 'hand-written SDK loop': [] };
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? (['mcp-bench', 'hand-written SDK loop'] as const) : (['hand-written SDK loop', 'mcp-bench'] as const);
  for (const name of order) {
    const figures = name === 'mcp-bench' ? await mcpBench() : await peer();
    results[name].push(figures);
    process.stderr.write(`round ${round + 1} ${name}: ${JSON.stringify(figures)}\n`);
  }
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const row = (name: keyof typeof results): string => {
  const r = results[name];
  return `| ${name} | ${median(r.map((f) => f.echoP50Us))} | ${median(r.map((f) => f.echoP99Us))} | ${median(r.map((f) => f.mixCallsPerSec))} |`;
};
const markdown = [
  `# Quickstart: mcp-bench vs a hand-written SDK loop (stdio, 1 ms injected latency, ${rounds} alternating rounds, medians)`,
  '',
  '| measured by | echo sequential p50 µs | echo sequential p99 µs | 16-in-flight mix calls/s |',
  '|---|---:|---:|---:|',
  row('mcp-bench'),
  row('hand-written SDK loop'),
  '',
].join('\n');
await mkdir('reports/bench', { recursive: true });
await writeFile('reports/bench/quickstart-vs-peer.json', JSON.stringify(results, null, 2));
await writeFile('reports/bench/quickstart-vs-peer.md', markdown);
process.stdout.write(markdown);
