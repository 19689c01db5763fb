/**
 * The stretch peer: a hand-written JSON-RPC client over stdio with no MCP SDK at all — spawn the server, send
 * `initialize` and `notifications/initialized`, then newline-delimited `tools/call` requests with numeric ids, answers
 * matched by id in a Map. No schema validation, no timeouts, no cancellation: the least work a client can do per
 * call, so it is the ceiling a full MCP client can approach. Same options and result as sdkLoop.
 */
import { spawn } from 'node:child_process';
import type { PeerResult } from './sdk-loop.js';

interface Request {
  readonly method: string;
  readonly params: unknown;
}

export async function rawStdioLoop(
  command: string,
  args: readonly string[],
  request: Request,
  options: { concurrency: number; warmupCalls?: number; warmupMs?: number; iterations?: number; durationMs?: number },
): Promise<PeerResult> {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'ignore'] });
  const pending = new Map<number, (message: { result?: unknown; error?: unknown }) => void>();
  let nextId = 0;
  let buffered = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      const message = JSON.parse(line) as { id?: number; result?: unknown; error?: unknown };
      if (typeof message.id === 'number' && (message.result !== undefined || message.error !== undefined)) {
        const resolve = pending.get(message.id);
        pending.delete(message.id);
        resolve?.(message);
      }
    }
  });
  const send = (method: string, params: unknown): Promise<{ result?: unknown; error?: unknown }> =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
    });
  const call = async (): Promise<void> => {
    const answer = await send(request.method, request.params);
    if (answer.error !== undefined) throw new Error(`JSON-RPC error: ${JSON.stringify(answer.error)}`);
  };

  const init = await send('initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1.0.0' } });
  if (init.error !== undefined) throw new Error(`initialize failed: ${JSON.stringify(init.error)}`);
  child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);

  let warmupCalls = 0;
  for (let i = 0; i < (options.warmupCalls ?? 0); i++, warmupCalls++) await call();
  const warmupEnd = performance.now() + (options.warmupMs ?? 0);
  await Promise.all(Array.from({ length: options.concurrency }, async () => {
    for (; performance.now() < warmupEnd; warmupCalls++) await call();
  }));
  const samples: number[] = [];
  const started = performance.now();
  const deadline = started + (options.durationMs ?? Infinity);
  let budget = options.iterations ?? Infinity;
  await Promise.all(Array.from({ length: options.concurrency }, async () => {
    while (budget-- > 0 && performance.now() < deadline) {
      const t0 = performance.now();
      await call();
      samples.push((performance.now() - t0) * 1000);
    }
  }));
  const elapsed = performance.now() - started;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.stdin.end();
  const killer = setTimeout(() => child.kill('SIGKILL'), 2000);
  await exited;
  clearTimeout(killer);
  samples.sort((a, b) => a - b);
  const at = (q: number): number => Math.round(samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0);
  return { calls: samples.length, warmupCalls, startedMs: started, elapsedMs: elapsed, callsPerSec: (samples.length * 1000) / elapsed, p50Us: at(0.5), p99Us: at(0.99) };
}
