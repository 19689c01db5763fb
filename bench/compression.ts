/**
 * What compressed answers cost per call, in CPU on both sides, and what they save on the wire: the reference server
 * over Streamable HTTP (spawned, its CPU read from /proc: src/client/transports/proc-tree.ts) and mcp-bench's node:http
 * transport, the `payload` tool answering 1 KB and 1 MB — `x` repeated (compresses to almost nothing) and `random:
 * true` (seeded letters: six bits a byte, the harder case) — with answers uncompressed, gzip and br, alternating
 * rounds. Per call: the client's CPU (process.cpuUsage around the calls), the server's (its /proc ticks, 10 ms
 * resolution, so each run lasts long enough to read), the answer's bytes on the wire and decoded (the transport's own
 * count, CallTrace.bytes). Ratios against uncompressed, per round. Writes reports/bench/compression.{json,md}.
 *
 *   node --import tsx bench/compression.ts [--seconds 0.6] [--rounds 3] [--concurrency 4] [--budget 40]
 */
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { AnswerCoding } from '../src/client/policies.js';
import { SdkCaller } from '../src/client/sdk-caller.js';
import { CallTrace } from '../src/client/trace.js';
import { linuxProc, readTrees } from '../src/client/transports/proc-tree.js';
import { NodeHttpClientTransport } from '../src/client/transports/node-http.js';
import { selfCommand } from '../src/client/transports/self-command.js';
import { clockTicksPerSecond } from '../src/metrics/server-resources.js';
import { startServerCommand } from './mcp-bench-path.js';
import { benchEnvironment, checkTarget, contenderResults, count, progress, writeBenchResult, type BenchCase, type Figures, type TargetCheck } from './report.js';
import { pairedRatio, runRounds, shareOfBudget, type Contender } from './rounds.js';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '0.6' }, rounds: { type: 'string', default: '3' }, concurrency: { type: 'string', default: '4' }, budget: { type: 'string' } },
});
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const concurrency = Number(values.concurrency);
const budgetEndMs = values.budget === undefined ? Infinity : performance.now() + Number(values.budget) * 1000;
const NAME = 'compression';
const log = progress(NAME);

interface Payload {
  readonly name: string;
  readonly bytes: number;
  readonly random: boolean;
}

const PAYLOADS: readonly Payload[] = [
  { name: '1 KB x', bytes: 1024, random: false },
  { name: '1 KB random', bytes: 1024, random: true },
  { name: '1 MB x', bytes: 1024 * 1024, random: false },
  { name: '1 MB random', bytes: 1024 * 1024, random: true },
];

const CODINGS: readonly (AnswerCoding | 'none')[] = ['none', 'gzip', 'br'];

/** The server's CPU time so far, µs. */
async function serverCpuUs(pid: number): Promise<number> {
  const reading = await readTrees([pid], linuxProc);
  if (reading === null) throw new Error('cannot read the server\'s /proc entry (this benchmark needs Linux)');
  let ticks = 0;
  for (const n of reading.ticks.values()) ticks += n;
  return (ticks * 1e6) / clockTicksPerSecond();
}

/** One session asking for answers in `coding` (none: no Accept-Encoding). */
async function session(url: string, coding: AnswerCoding | 'none'): Promise<SdkCaller> {
  const compression = coding === 'none' ? null : { requests: null, answers: [coding] };
  const client = new Client({ name: 'bench-compression', version: '0' });
  await client.connect(new NodeHttpClientTransport({ url, headers: {}, compression }));
  return new SdkCaller(client);
}

/** `concurrency` workers calling for `seconds`: CPU per call on each side, bytes per call, calls/s. */
async function measure(caller: SdkCaller, payload: Payload, pid: number): Promise<Figures> {
  const request = { method: 'tools/call', tool: 'payload', args: { bytes: payload.bytes, random: payload.random } } as const;
  let calls = 0;
  let wire = 0;
  let decoded = 0;
  const serverBefore = await serverCpuUs(pid);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const trace = new CallTrace();
      while (performance.now() < deadline) {
        trace.reset();
        const outcome = await caller.call(request, { timeoutUs: 30_000_000, trace });
        if (outcome.kind !== 'ok') throw new Error(`a ${payload.name} call failed: ${JSON.stringify(outcome).slice(0, 200)}`);
        calls++;
        wire += trace.bytes.answerWire;
        decoded += trace.bytes.answerDecoded;
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const serverUs = (await serverCpuUs(pid)) - serverBefore;
  return {
    callsPerSec: (calls * 1000) / elapsedMs,
    clientCpuUsPerCall: (cpu.user + cpu.system) / calls,
    serverCpuUsPerCall: serverUs / calls,
    wireBytesPerCall: wire / calls,
    decodedBytesPerCall: decoded / calls,
  };
}

const LABELS: Readonly<Record<string, string>> = { none: 'uncompressed', gzip: 'gzip', br: 'br' };

/** The headline of one payload: each coding's CPU and bytes against uncompressed, for the summary table. */
function payloadTarget(payload: Payload, results: Readonly<Record<string, readonly Figures[]>>, benchCase: BenchCase): TargetCheck[] {
  const median = (name: string, key: string): number | null | undefined => benchCase.contenders.find((c) => c.name === name)?.median[key];
  return CODINGS.filter((coding) => coding !== 'none').map((coding) => {
    const bytes = pairedRatio(results, coding, 'none', 'wireBytesPerCall');
    const figures = [
      `client ${count(median(coding, 'clientCpuUsPerCall'))} vs ${count(median('none', 'clientCpuUsPerCall'))} µs`,
      `server ${count(median(coding, 'serverCpuUsPerCall'))} vs ${count(median('none', 'serverCpuUsPerCall'))} µs`,
      `${count(median(coding, 'wireBytesPerCall'))} vs ${count(median('none', 'wireBytesPerCall'))} B on the wire`,
    ];
    const cpu = pairedRatio(results, coding, 'none', 'clientCpuUsPerCall');
    const serverCpu = pairedRatio(results, coding, 'none', 'serverCpuUsPerCall');
    return checkTarget({
      benchmark: `compression: ${payload.name} answers, ${LABELS[coding]} / uncompressed`,
      figures: `${figures.join(' · ')} · CPU per call client ${cpu.median?.toFixed(2) ?? '–'}×, server ${serverCpu.median?.toFixed(2) ?? '–'}×`,
      quantity: 'bytes on the wire per call',
      measured: bytes.median,
      interval: bytes.interval,
      comparator: 'none',
      limit: 1,
      unit: '×',
    });
  });
}

const started = performance.now();
const startedAt = new Date().toISOString();
const environment = benchEnvironment();
const self = selfCommand();
const server = await startServerCommand(self.command, [...self.args, 'serve', '--transport', 'http', '--port', '0']);
const callers = new Map<string, SdkCaller>();
const cases: BenchCase[] = [];
const targets: TargetCheck[] = [];
try {
  for (const coding of CODINGS) callers.set(coding, await session(server.url, coding));
  // Every path warmed (JIT on both sides, zlib, the server's random text) before anything is measured.
  log('warming up');
  for (const payload of PAYLOADS) for (const coding of CODINGS) await measure(callers.get(coding)!, payload, server.pid);
  for (const [index, payload] of PAYLOADS.entries()) {
    const contenders: Contender[] = CODINGS.map((coding) => ({ name: coding, run: () => measure(callers.get(coding)!, payload, server.pid) }));
    const results = await runRounds(contenders, rounds, (line) => log(`${payload.name}: ${line}`), shareOfBudget(budgetEndMs, PAYLOADS.length - index));
    const ratios = ['clientCpuUsPerCall', 'serverCpuUsPerCall', 'wireBytesPerCall'].flatMap((metric) => CODINGS.filter((c) => c !== 'none').map((c) => pairedRatio(results, c, 'none', metric)));
    const benchCase: BenchCase = { name: `${payload.name} answers, ${concurrency} in flight, ${seconds}s a run`, contenders: contenderResults(results), ratios };
    cases.push(benchCase);
    targets.push(...payloadTarget(payload, results, benchCase));
  }
} finally {
  await Promise.allSettled([...callers.values()].map((caller) => caller.close()));
  await server.stop();
}

await writeBenchResult({
  name: NAME,
  title: `Compressed answers: CPU per call and bytes on the wire, uncompressed vs gzip vs br (${rounds} alternating rounds)`,
  startedAt,
  wallMs: performance.now() - started,
  environment,
  settings: { seconds, rounds, concurrency, payloads: PAYLOADS, codings: CODINGS },
  cases,
  targets,
  notes: [
    'The reference server (mcp-bench serve --transport http, SSE answers) spawned once; one session per coding, asking for it alone (Accept-Encoding: gzip, or br; none for uncompressed).',
    'Server: gzip at zlib\'s default level 6, brotli at quality 4; each SSE event flushed. Client: streaming zlib decoders, bounded by the 16 MiB answer limit.',
    'x: the payload tool\'s text, one letter repeated (compresses to almost nothing). random: payload random: true, seeded letters and digits (six bits a byte: about 75% of its size after gzip).',
    'Client CPU: process.cpuUsage over the calls (this process, the transport, the SDK). Server CPU: /proc ticks of the server process over the same window.',
    'Bytes per call: the answer as counted by the transport (CallTrace.bytes): on the wire (the SSE stream as sent, compressed where it was) and decoded.',
  ],
});
