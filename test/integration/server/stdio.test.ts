import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Counts } from '../../../src/server/counter.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

const FIXTURE = fileURLToPath(new URL('../../fixtures/serve-stdio.ts', import.meta.url));
const NODE_ARGS = ['--import', 'tsx', FIXTURE];

function statsOf(result: unknown): Counts {
  const content = (result as CallToolResult).content[0];
  assert.ok(content?.type === 'text');
  return JSON.parse(content.text) as Counts;
}

test('a spawned stdio server answers and counts', { timeout: 30_000 }, async () => {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [...NODE_ARGS, JSON.stringify({ latencyUs: 1_000 })],
    stderr: 'pipe',
  });
  const client = new Client({ name: 'stdio-test', version: '0.0.0' });
  await client.connect(transport);
  const pid = transport.pid;
  assert.ok(pid !== null);
  for (let i = 0; i < 3; i += 1) await client.callTool({ name: 'echo', arguments: { message: 'hi' } });
  await client.ping();
  const item = await client.readResource({ uri: 'bench://items/7' });
  assert.equal(item.contents.length, 1);
  const counts = statsOf(await client.callTool({ name: 'stats', arguments: {} }));
  assert.deepEqual(counts.requests, { initialize: 1, 'tools/call': 4, ping: 1, 'resources/read': 1 });
  assert.deepEqual(counts.tools, { echo: 3, stats: 1 });
  assert.deepEqual(counts.resources, { 'bench://items/7': 1 });
  await client.close();
});

test('the stdio server exits by itself, code 0, when stdin ends mid-sleep', { timeout: 30_000 }, async () => {
  const child = spawn(process.execPath, NODE_ARGS, { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = once(child, 'exit');
  const lines: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => lines.push(...chunk.split('\n').filter(Boolean)));
  const send = (message: object): boolean => child.stdin.write(`${JSON.stringify(message)}\n`);
  send({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
  });
  send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  send({ jsonrpc: '2.0', id: 2, method: 'ping' });
  send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'sleep', arguments: { ms: 600_000 } } });
  while (!lines.some((line) => line.includes('"id":2'))) await once(child.stdout, 'data');
  child.stdin.end();
  const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
  assert.deepEqual({ code, signal }, { code: 0, signal: null });
  for (const line of lines) assert.doesNotThrow(() => JSON.parse(line), `stdout carries only protocol: ${line}`);
});
