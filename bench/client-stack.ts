/**
 * What the client stack costs and buys, in one process over the SDK's in-memory transport (no network, no other
 * process, so the stack's own cost is what differs): the bare client vs the full stack with every layer on and no
 * faults (calls/s, alternating rounds), and the latency of a cache hit. Writes reports/bench/client-stack.{json,md}.
 *
 *   node --import tsx bench/client-stack.ts [--seconds 3] [--rounds 3] [--concurrency 16]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { Connection } from '../src/client/connect.js';
import type { ClientPolicies } from '../src/client/policies.js';
import { PLAIN_CLIENT } from '../src/client/policies.js';
import { SdkCaller } from '../src/client/sdk-caller.js';
import { composeStack, openEndpoints } from '../src/client/stack.js';
import { CallTrace } from '../src/client/trace.js';
import { ServerLog } from '../src/client/transports/server-log.js';
import { createHistogram, latencyStats, recordUs } from '../src/stats/histogram.js';
import { seededRandom } from '../src/random/seeded.js';
import type { McpRequest } from '../src/client/request.js';
import type { TargetPlan } from '../src/client/targets/registry.js';
import { connectCounted, createReferenceServer } from '../src/server/reference-server.js';
import { createServerState, DEFAULT_SERVER_OPTIONS } from '../src/server/state.js';
import { systemClock } from '../src/time/clock.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '3' }, rounds: { type: 'string', default: '3' }, concurrency: { type: 'string', default: '16' } } });
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const concurrency = Number(values.concurrency);

/** Every layer on; the cache caches `payload` only, so the echo calls measured pass through it (pure layer cost). */
const FULL: ClientPolicies = {
  ...PLAIN_CLIENT,
  reconnect: true,
  retry: { attempts: 3, backoff: 'exponential', baseUs: 100_000, maxUs: 5_000_000, multiplier: 2, jitter: 'full', on: ['timeout', 'transport', 'rate-limited', 'unavailable'], respectRetryAfter: true },
  cache: { ttlUs: 300_000_000, maxEntries: 1000, maxBytes: 50_000_000, tools: ['payload'], readOnly: false, force: false, resources: false, prompts: false, warm: [] },
  dedup: { inFlight: true, windowUs: 0, tools: [] },
  breaker: { failures: 5, windowUs: 10_000_000, cooldownUs: 30_000_000, halfOpenProbes: 1 },
  rateLimit: { perSecond: 1e9, burst: 1e6, queue: 10_000 },
  concurrency: { max: 1024, queue: 1000 },
};

/** A connection to an in-process reference server over the SDK's in-memory transport. */
async function inMemoryConnection(): Promise<Connection> {
  const state = createServerState(DEFAULT_SERVER_OPTIONS);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await connectCounted(createReferenceServer(state), serverSide, state.counter);
  const client = new Client({ name: 'bench', version: '0' });
  await client.connect(clientSide);
  const timings = { serverStartUs: null, connectUs: 0, initializeUs: 0 };
  return { caller: new SdkCaller(client), client, timings, server: { name: 'in-memory', version: '0', protocolVersion: null }, url: null, close: () => client.close() };
}

/** The same, caching echo: with 10,000 distinct requests cycling through 1,000 entries every call misses, is stored
 * and evicts one (the cache's worst case: it also keeps 1,000 results alive for the garbage collector). */
const FULL_MISSING: ClientPolicies = { ...FULL, cache: { ...FULL.cache!, tools: ['echo'] } };

async function stackFor(policies: ClientPolicies) {
  const target: TargetPlan = { kind: 'builtin', transport: 'stdio', server: DEFAULT_SERVER_OPTIONS };
  const deps = { clock: systemClock, random: seededRandom(1, 'client'), log: new ServerLog() };
  const endpoints = await openEndpoints([target], policies, { ...deps, open: inMemoryConnection });
  return composeStack(policies, endpoints, new Set(['echo']), deps);
}

/** 10,000 distinct requests, cycled: every call misses a 1,000-entry cache (the stack's worst case). */
const distinct: McpRequest[] = Array.from({ length: 10_000 }, (_, i) => ({ method: 'tools/call', tool: 'echo', args: { message: `m${i}` } }));

async function throughput(policies: ClientPolicies): Promise<number> {
  const stack = await stackFor(policies);
  let next = 0;
  let calls = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    const options = { timeoutUs: 5_000_000, trace: new CallTrace() };
    while (performance.now() < deadline) {
      options.trace.reset();
      await stack.caller.call(distinct[next++ % distinct.length]!, options);
      calls++;
    }
  }));
  const rate = (calls * 1000) / (performance.now() - started);
  await stack.close();
  return rate;
}

async function cacheHitLatency(): Promise<ReturnType<typeof latencyStats>> {
  const stack = await stackFor(FULL_MISSING);
  const request = distinct[0]!;
  const options = { timeoutUs: 5_000_000, trace: new CallTrace() };
  await stack.caller.call(request, options);
  const histogram = createHistogram();
  for (let i = 0; i < 200_000; i++) {
    options.trace.reset();
    const t0 = performance.now();
    await stack.caller.call(request, options);
    recordUs(histogram, (performance.now() - t0) * 1000);
  }
  await stack.close();
  return latencyStats(histogram);
}

const contenders = { bare: PLAIN_CLIENT, full: FULL, 'full, cache missing': FULL_MISSING } as const;
type Name = keyof typeof contenders;
const rates: Record<Name, number[]> = { bare: [], full: [], 'full, cache missing': [] };
for (let round = 0; round < rounds; round++) {
  const names = Object.keys(contenders) as Name[];
  for (const name of round % 2 === 0 ? names : names.reverse()) {
    const rate = await throughput(contenders[name]);
    rates[name].push(Math.round(rate));
    process.stderr.write(`round ${round + 1} ${name}: ${Math.round(rate)} calls/s\n`);
  }
}
const hit = await cacheHitLatency();
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const ratio = median(rates.full) / median(rates.bare);
const missRatio = median(rates['full, cache missing']) / median(rates.bare);
const markdown = [
  `# Client stack cost, in-memory transport, ${concurrency} in flight, ${seconds}s × ${rounds} alternating rounds`,
  '',
  '| client | calls/s (median) | × bare | rounds |',
  '|---|---:|---:|---|',
  `| bare SDK caller | ${median(rates.bare)} | 1.000 | ${rates.bare.join(', ')} |`,
  `| full stack: every layer on, calls pass the cache | ${median(rates.full)} | ${ratio.toFixed(3)} | ${rates.full.join(', ')} |`,
  `| full stack, every call a cache miss + store + eviction | ${median(rates['full, cache missing'])} | ${missRatio.toFixed(3)} | ${rates['full, cache missing'].join(', ')} |`,
  '',
  `full / bare: **${ratio.toFixed(3)}×** (target ≥ 0.85×)`,
  '',
  `cache hit latency over 200,000 hits: p50 **${hit.p50 < 1 ? '< 1' : hit.p50} µs**, p99 ${hit.p99} µs, max ${hit.max} µs (target p50 ≤ 5 µs)`,
  '',
].join('\n');
await mkdir('reports/bench', { recursive: true });
await writeFile('reports/bench/client-stack.json', JSON.stringify({ concurrency, seconds, rounds, rates, ratio, missRatio, cacheHitUs: hit }, null, 2));
await writeFile('reports/bench/client-stack.md', markdown);
process.stdout.write(markdown);
