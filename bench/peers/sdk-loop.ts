/**
 * The peer: what a user would write by hand to benchmark an MCP server with the SDK — a Client, a loop (or N
 * loops), performance.now() around each call, an array of samples sorted at the end. Kept plain on purpose.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';

export interface PeerCall {
  readonly weight: number;
  readonly run: (client: Client) => Promise<unknown>;
}

export interface PeerResult {
  readonly calls: number;
  /** Calls made before measuring (not in `calls`). */
  readonly warmupCalls: number;
  /** When the measured loop started (performance.now()) and how long it ran, in ms. */
  readonly startedMs: number;
  readonly elapsedMs: number;
  readonly callsPerSec: number;
  readonly p50Us: number;
  readonly p99Us: number;
}

export async function sdkLoop(
  transport: Transport,
  mix: readonly PeerCall[],
  options: { concurrency: number; warmupCalls?: number; warmupMs?: number; iterations?: number; durationMs?: number },
): Promise<PeerResult> {
  const client = new Client({ name: 'hand-written', version: '1.0.0' });
  await client.connect(transport);
  const total = mix.reduce((sum, call) => sum + call.weight, 0);
  const pick = (): PeerCall => {
    let r = Math.random() * total;
    for (const call of mix) if ((r -= call.weight) < 0) return call;
    return mix[mix.length - 1]!;
  };
  const warmupEnd = performance.now() + (options.warmupMs ?? 0);
  let warmupCalls = 0;
  for (let i = 0; i < (options.warmupCalls ?? 0); i++, warmupCalls++) await pick().run(client);
  await Promise.all(Array.from({ length: options.concurrency }, async () => {
    for (; performance.now() < warmupEnd; warmupCalls++) await pick().run(client);
  }));
  const samples: number[] = [];
  const started = performance.now();
  const deadline = started + (options.durationMs ?? Infinity);
  let budget = options.iterations ?? Infinity;
  await Promise.all(Array.from({ length: options.concurrency }, async () => {
    while (budget-- > 0 && performance.now() < deadline) {
      const t0 = performance.now();
      await pick().run(client);
      samples.push((performance.now() - t0) * 1000);
    }
  }));
  const elapsed = performance.now() - started;
  await client.close();
  samples.sort((a, b) => a - b);
  const at = (q: number): number => Math.round(samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0);
  return { calls: samples.length, warmupCalls, startedMs: started, elapsedMs: elapsed, callsPerSec: (samples.length * 1000) / elapsed, p50Us: at(0.5), p99Us: at(0.99) };
}
