/**
 * Which Streamable HTTP client transport should the measured path use? Runs the SDK's fetch-based transport and
 * mcp-bench's node:http keep-alive transport side by side (alternating rounds, same server, same concurrency) and
 * reports calls/s and the client's own CPU time per call. Writes reports/bench/http-transport.{json,md}.
 *
 *   node --import tsx bench/http-transport.ts [--seconds 3] [--rounds 3] [--concurrency 16]
 */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { NodeHttpClientTransport } from '../src/client/transports/node-http.js';
import { selfCommand } from '../src/client/transports/self-command.js';
import { STREAMABLE_URL_PATTERN } from '../src/server/listening-line.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '3' }, rounds: { type: 'string', default: '3' }, concurrency: { type: 'string', default: '16' } } });
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const concurrency = Number(values.concurrency);

type Contender = { name: string; make: (url: string) => Transport };
const contenders: Contender[] = [
  { name: 'sdk-fetch', make: (url) => new StreamableHTTPClientTransport(new URL(url)) },
  { name: 'node-http', make: (url) => new NodeHttpClientTransport({ url, headers: {} }) },
];

async function startServer(): Promise<{ url: string; stop: () => void }> {
  const self = selfCommand();
  const child = spawn(self.command, [...self.args, 'serve', '--transport', 'http', '--port', '0'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (c: Buffer) => {
      seen += c.toString();
      const m = STREAMABLE_URL_PATTERN.exec(seen);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', () => reject(new Error('server exited')));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

async function measure(contender: Contender, url: string): Promise<{ callsPerSec: number; cpuUsPerCall: number }> {
  const client = new Client({ name: 'bench', version: '0' });
  await client.connect(contender.make(url));
  const request = { method: 'tools/call', params: { name: 'echo', arguments: { message: 'hi' } } };
  const deadline = performance.now() + seconds * 1000;
  let calls = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < deadline) {
      await client.request(request, CallToolResultSchema);
      calls++;
    }
  }));
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  await client.close();
  return { callsPerSec: (calls * 1000) / elapsedMs, cpuUsPerCall: (cpu.user + cpu.system) / calls };
}

const server = await startServer();
const results: Record<string, { callsPerSec: number[]; cpuUsPerCall: number[] }> = {};
try {
  for (let round = 0; round < rounds; round++) {
    for (const contender of round % 2 === 0 ? contenders : [...contenders].reverse()) {
      const r = await measure(contender, server.url);
      const entry = (results[contender.name] ??= { callsPerSec: [], cpuUsPerCall: [] });
      entry.callsPerSec.push(Math.round(r.callsPerSec));
      entry.cpuUsPerCall.push(Math.round(r.cpuUsPerCall));
      process.stderr.write(`round ${round + 1} ${contender.name}: ${Math.round(r.callsPerSec)} calls/s, ${Math.round(r.cpuUsPerCall)} µs client CPU/call\n`);
    }
  }
} finally {
  server.stop();
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const lines = ['| transport | calls/s (median) | client CPU µs/call (median) | rounds |', '|---|---:|---:|---|'];
for (const [name, r] of Object.entries(results)) lines.push(`| ${name} | ${median(r.callsPerSec)} | ${median(r.cpuUsPerCall)} | ${r.callsPerSec.join(', ')} |`);
const sdk = results['sdk-fetch'];
const node = results['node-http'];
if (sdk && node) lines.push('', `node-http / sdk-fetch: ${(median(node.callsPerSec) / median(sdk.callsPerSec)).toFixed(2)}× calls/s, ${(median(node.cpuUsPerCall) / median(sdk.cpuUsPerCall)).toFixed(2)}× CPU per call`);
const markdown = `# Streamable HTTP client transports, ${concurrency} in flight, echo, ${seconds}s × ${rounds} rounds\n\n${lines.join('\n')}\n`;
await mkdir('reports/bench', { recursive: true });
await writeFile('reports/bench/http-transport.json', JSON.stringify({ concurrency, seconds, rounds, results }, null, 2));
await writeFile('reports/bench/http-transport.md', markdown);
process.stdout.write(markdown);
