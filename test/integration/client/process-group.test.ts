import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { openBuiltinHttp } from '../../../src/client/transports/builtin.js';
import { ServerLog } from '../../../src/client/transports/server-log.js';
import { StdioProcessTransport } from '../../../src/client/transports/stdio-process.js';
import { openStdio } from '../../../src/client/transports/stdio.js';
import { systemClock } from '../../../src/time/clock.js';
import { eventually } from './scripted-server.js';
import { REPO, tempDir, TSX } from '../cli/helpers.js';
import { checkForLeaks, expectGone } from '../leak-check.js';

checkForLeaks();

/**
 * Spawned servers run in a process group of their own (a Ctrl-C in the terminal must reach only mcp-bench), and
 * closing kills the whole group. No signal is ever sent to the test's own process group.
 */

const pgidOf = (pid: number): number => Number(execFileSync('ps', ['-o', 'pgid=', '-p', String(pid)], { encoding: 'utf8' }).trim());
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    assert.equal((error as NodeJS.ErrnoException).code, 'ESRCH');
    return false;
  }
};
/** Our child processes, but for the `ps` that lists them. */
const childrenOfUs = (): number[] =>
  execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([pid, command]) => Number(pid) > 0 && command !== 'ps')
    .map(([pid]) => Number(pid));

/** A newline-delimited JSON-RPC server in a few lines: answers every request with an empty result. */
const ECHO_SERVER = `
process.stdin.setEncoding('utf8');
let buffer = '';
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  let nl;
  while ((nl = buffer.indexOf('\\n')) !== -1) {
    const message = JSON.parse(buffer.slice(0, nl));
    buffer = buffer.slice(nl + 1);
    if (message.id !== undefined) process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: message.id, result: { env: process.env.GREETING ?? null } }) + '\\n');
  }
});
process.stderr.write('echo server up\\n');
`;

function transportFor(script: string, options: { env?: Record<string, string>; stopStepMs?: number; log?: ServerLog } = {}) {
  const log = options.log ?? new ServerLog();
  return new StdioProcessTransport({
    command: process.execPath,
    args: ['-e', script],
    env: options.env ?? {},
    cwd: process.cwd(),
    onStderr: (chunk) => log.write(chunk),
    stopStepMs: options.stopStepMs,
  });
}

describe('StdioProcessTransport', { timeout: 30_000 }, () => {
  it('speaks newline-delimited JSON-RPC, passes env and stderr, runs in its own process group, and close() kills it', async () => {
    const log = new ServerLog();
    const transport = transportFor(ECHO_SERVER, { env: { GREETING: 'hi' }, log });
    const received: JSONRPCMessage[] = [];
    transport.onmessage = (m) => received.push(m);
    let closed = 0;
    transport.onclose = () => closed++;
    await transport.start();
    const pid = transport.pid!;
    assert.ok(pid > 0);
    assert.notEqual(pgidOf(pid), pgidOf(process.pid), 'the server is not in our process group');
    assert.equal(pgidOf(pid), pid, 'it leads a group of its own');
    await transport.send({ jsonrpc: '2.0', id: 1, method: 'ping' });
    assert.ok(await eventually(() => received.length === 1));
    assert.deepEqual(received[0], { jsonrpc: '2.0', id: 1, result: { env: 'hi' } });
    assert.ok(await eventually(() => log.tail().includes('echo server up')));
    await transport.close();
    assert.equal(alive(pid), false, 'gone after close()');
    assert.equal(closed, 1);
    await assert.rejects(transport.send({ jsonrpc: '2.0', id: 2, method: 'ping' }));
  });

  it('a server ignoring stdin end and SIGTERM is SIGKILLed', async () => {
    const stubborn = "process.on('SIGTERM', () => {}); process.stdin.on('end', () => {}); process.stdin.resume(); setInterval(() => {}, 1000);";
    const transport = transportFor(stubborn, { stopStepMs: 200 });
    await transport.start();
    const pid = transport.pid!;
    await new Promise((resolve) => setTimeout(resolve, 200)); // let it install its SIGTERM handler
    const started = performance.now();
    await transport.close();
    assert.equal(alive(pid), false);
    const ms = performance.now() - started;
    assert.ok(ms >= 380 && ms < 3000, `stdin end, SIGTERM, then SIGKILL took ${Math.round(ms)} ms`);
  });

  it('what the server started goes with its group', async () => {
    const parent = `
const { spawn } = require('node:child_process');
const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
process.stderr.write('grandchild ' + child.pid + '\\n');
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();`;
    const log = new ServerLog();
    const transport = transportFor(parent, { log, stopStepMs: 500 });
    await transport.start();
    assert.ok(await eventually(() => log.tail().some((line) => line.startsWith('grandchild '))));
    const grandchild = Number(log.tail().find((line) => line.startsWith('grandchild '))!.split(' ')[1]);
    assert.ok(alive(grandchild));
    await transport.close();
    assert.ok(await eventually(() => !alive(grandchild), 2000), 'the grandchild was stopped with the group');
  });

  it('a server that exits while something it started holds its stdout is still seen to close', async () => {
    const leaver = `
const { spawn } = require('node:child_process');
spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: ['ignore', 'inherit', 'inherit'] });
setTimeout(() => process.exit(0), 100);`;
    const transport = transportFor(leaver, { stopStepMs: 300 });
    let closed = false;
    transport.onclose = () => (closed = true);
    await transport.start();
    assert.ok(await eventually(() => closed, 3000), 'onclose fired after the exit');
    await transport.close(); // and the grandchild goes with the group
  });

  it('a command that does not exist fails start() with ENOENT', async () => {
    const transport = new StdioProcessTransport({ command: 'mcp-bench-no-such-command', args: [], env: {}, cwd: process.cwd(), onStderr: () => undefined });
    await assert.rejects(transport.start(), (e) => (e as NodeJS.ErrnoException).code === 'ENOENT');
    await transport.close();
  });

  it('openStdio uses it', () => {
    const opened = openStdio({ command: process.execPath, args: ['-e', ''], env: {}, cwd: process.cwd() }, new ServerLog());
    assert.ok(opened.transport instanceof StdioProcessTransport);
  });
});

describe('the built-in HTTP server', { timeout: 30_000 }, () => {
  it('runs in its own process group and is gone once disposed', async () => {
    const before = new Set(childrenOfUs());
    const opened = await openBuiltinHttp({ latencyUs: 0, jitterUs: 0, failRate: 0, seed: 1 }, new ServerLog(), systemClock);
    const spawned = childrenOfUs().filter((pid) => !before.has(pid));
    assert.equal(spawned.length, 1, `spawned: ${spawned.join(', ')}`);
    const pid = spawned[0]!;
    assert.notEqual(pgidOf(pid), pgidOf(process.pid));
    await opened.dispose();
    assert.equal(alive(pid), false);
  });
});

/**
 * A library user's process that ends with a session still open (it exits, or dies of an uncaught exception): the
 * exit hook of live-groups.ts SIGKILLs the server's group, so even a server that ignores the end of its stdin and
 * SIGTERM (and its child) is gone.
 */
describe('a process that ends with a stdio session open', { timeout: 90_000 }, () => {
  const STUBBORN = path.join(REPO, 'test/fixtures/stubborn-stdio-server.ts');
  const TRANSPORT = path.join(REPO, 'src/client/transports/stdio-process.ts');

  for (const how of ['process.exit(0)', "setTimeout(() => { throw new Error('boom'); })"]) {
    it(`leaves no server behind: ${how}`, async () => {
      const pidFile = path.join(await tempDir(), 'pids.json');
      const args = ['--import', TSX, STUBBORN, JSON.stringify({ pidFile, mode: 'silent' })];
      const script = `
import { existsSync } from 'node:fs';
import { StdioProcessTransport } from ${JSON.stringify(TRANSPORT)};
const transport = new StdioProcessTransport({ command: process.execPath, args: ${JSON.stringify(args)}, env: {}, cwd: process.cwd(), onStderr: () => {} });
await transport.start();
while (!existsSync(${JSON.stringify(pidFile)})) await new Promise((resolve) => setTimeout(resolve, 50));
${how};`;
      await new Promise<void>((resolve) => execFile(process.execPath, ['--import', TSX, '--input-type=module', '-e', script], { timeout: 60_000 }, () => resolve()));
      const { pid, child } = JSON.parse(await readFile(pidFile, 'utf8')) as { pid: number; child: number };
      expectGone(pid, child);
      assert.ok(await eventually(() => !alive(pid) && !alive(child), 3000), `server ${pid} and its child ${child} are gone`);
    });
  }
});
