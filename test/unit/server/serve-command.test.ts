import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Command } from 'commander';
import type { CliIo } from '../../../src/cli/io.js';
import { runCli } from '../../../src/cli/program.js';
import { defineServeCommand, parseServeFlags, serveCommand, type RawServeFlags } from '../../../src/cli/serve.js';
import { readCountsLines } from '../../../src/server/counts-file.js';
import { STREAMABLE_URL_PATTERN } from '../../../src/server/listening-line.js';

const DEFAULTS: RawServeFlags = {
  transport: 'stdio',
  host: '127.0.0.1',
  port: '0',
  latency: '0',
  jitter: '0',
  failRate: '0',
  seed: '1',
};

interface FakeIo {
  readonly io: CliIo;
  readonly stdout: string[];
  readonly stderr: string[];
  /** Resolves with the first chunk written to stdout. */
  readonly firstStdout: Promise<string>;
  signal(name: 'SIGINT' | 'SIGTERM'): void;
}

function fakeIo(): FakeIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  let handler: ((signal: 'SIGINT' | 'SIGTERM') => void) | undefined;
  let onFirst = (_chunk: string): void => undefined;
  const firstStdout = new Promise<string>((resolve) => {
    onFirst = resolve;
  });
  const io: CliIo = {
    stdout: { write: (chunk: string) => (stdout.push(chunk), onFirst(chunk)) },
    stderr: { write: (chunk: string) => stderr.push(chunk) },
    env: {},
    cwd: process.cwd(),
    onSignal(next) {
      handler = next;
      return () => {
        handler = undefined;
      };
    },
    exitNow: (code) => assert.fail(`serve must not force an exit (asked for ${code})`),
  };
  return { io, stdout, stderr, firstStdout, signal: (name) => handler?.(name) };
}

/**
 * `serve` wired as program.ts wires it, with the parent's pipe injected. `run` resolves with the exit code the
 * command reported, once it has finished.
 */
function program(io: CliIo, parentPipe: Readable | null = null) {
  const root = new Command('mcp-bench').exitOverride();
  let code: number | null | undefined;
  defineServeCommand(root).action(async (flags: RawServeFlags, command: Command) => {
    code = await serveCommand(flags, command, io, () => parentPipe);
  });
  const run = async (args: readonly string[]): Promise<number | null | undefined> => {
    await root.parseAsync([...args], { from: 'user' });
    return code;
  };
  return { root, run };
}

test('valid flags become plan options in microseconds', () => {
  const result = parseServeFlags({
    ...DEFAULTS,
    transport: 'http',
    latency: '1ms',
    jitter: '250us',
    failRate: '0.05',
    seed: '42',
    port: '8080',
  });
  assert.deepEqual(result, {
    ok: true,
    value: {
      transport: 'http',
      host: '127.0.0.1',
      port: 8080,
      jsonResponse: false,
      compression: true,
      server: {
        latencyUs: 1_000,
        jitterUs: 250,
        failRate: 0.05,
        seed: 42,
        rateLimitPerSec: null,
        unavailableRate: 0,
        sessionTtlUs: null,
      },
      countsFile: null,
    },
  });
});

test('the HTTP front-door flags become plan options: rates per second, TTL in microseconds', () => {
  const result = parseServeFlags({
    ...DEFAULTS,
    transport: 'http',
    rateLimit: '100/s',
    unavailableRate: '0.1',
    sessionTtl: '30s',
  });
  assert.deepEqual(result.ok && result.value.server, {
    latencyUs: 0,
    jitterUs: 0,
    failRate: 0,
    seed: 1,
    rateLimitPerSec: 100,
    unavailableRate: 0.1,
    sessionTtlUs: 30_000_000,
  });
});

test('--rate-limit takes per-second, per-minute and per-hour rates', () => {
  const cases = [
    ['100/s', 100],
    ['30/m', 0.5],
    ['3600/h', 1],
    ['2.5/s', 2.5],
    [' 20 / s ', 20],
  ] as const;
  for (const [text, value] of cases) {
    const result = parseServeFlags({ ...DEFAULTS, transport: 'http', rateLimit: text });
    assert.equal(result.ok && result.value.server.rateLimitPerSec, value, text);
  }
});

test('bad HTTP front-door values: one line each, naming the flag, the expectation and the value', () => {
  const result = parseServeFlags({
    ...DEFAULTS,
    transport: 'http',
    rateLimit: '100',
    unavailableRate: '1.5',
    sessionTtl: '0',
  });
  assert.deepEqual(!result.ok && result.problems, [
    'mcp-bench serve: --rate-limit expects a rate greater than 0, like 200/s, 30/m or 100/h; got "100"',
    'mcp-bench serve: --unavailable-rate expects a fraction from 0 to 1, like 0.1; got "1.5"',
    'mcp-bench serve: --session-ttl expects a duration with a unit, like 500us, 250ms, 10s, 2m or 1h, above 0; got "0"',
  ]);
  for (const rateLimit of ['0/s', '-5/s', 'fast', '10/d', '/s']) {
    const bad = parseServeFlags({ ...DEFAULTS, transport: 'http', rateLimit });
    assert.equal(bad.ok, false, rateLimit);
  }
});

test('every bad flag is reported on its own line, naming the flag, the expectation and the value', () => {
  const result = parseServeFlags({
    ...DEFAULTS,
    transport: 'tcp',
    latency: 'fast',
    jitter: '5',
    failRate: '1.5',
    seed: 'x',
    port: '70000',
  });
  assert.equal(result.ok, false);
  assert.deepEqual(!result.ok && result.problems, [
    'mcp-bench serve: --transport expects stdio or http; got "tcp"',
    'mcp-bench serve: --port expects a port number from 0 to 65535 (0 = any free port); got "70000"',
    'mcp-bench serve: --latency expects a duration with a unit, like 500us, 250ms, 10s, 2m or 1h; got "fast"',
    'mcp-bench serve: --jitter expects a duration with a unit, like 500us, 250ms, 10s, 2m or 1h; got "5"',
    'mcp-bench serve: --fail-rate expects a fraction from 0 to 1, like 0.05; got "1.5"',
    'mcp-bench serve: --seed expects a whole number, like 1 or 42; got "x"',
  ]);
});

test('http-only flags given with stdio are refused', () => {
  const explicit = new Set(['port', 'jsonResponse', 'rateLimit', 'unavailableRate', 'sessionTtl']);
  const result = parseServeFlags({ ...DEFAULTS, rateLimit: '5/s', unavailableRate: '0.5', sessionTtl: '1s' }, explicit);
  assert.deepEqual(!result.ok && result.problems, [
    'mcp-bench serve: --port applies to --transport http only',
    'mcp-bench serve: --json-response applies to --transport http only',
    'mcp-bench serve: --rate-limit applies to --transport http only',
    'mcp-bench serve: --unavailable-rate applies to --transport http only',
    'mcp-bench serve: --session-ttl applies to --transport http only',
  ]);
});

test('--no-compression switches answer compression off, over HTTP only', () => {
  const off = parseServeFlags({ ...DEFAULTS, transport: 'http', compression: false }, new Set(['compression']));
  assert.equal(off.ok && off.value.compression, false);
  const stdio = parseServeFlags({ ...DEFAULTS, compression: false }, new Set(['compression']));
  assert.deepEqual(!stdio.ok && stdio.problems, ['mcp-bench serve: --no-compression applies to --transport http only']);
});

test('serve --help documents the HTTP front-door flags and that stdio has none of them', async () => {
  const fake = fakeIo();
  let help = '';
  const { root } = program(fake.io);
  root.configureOutput({ writeOut: (text) => void (help += text), writeErr: (text) => void (help += text) });
  for (const command of root.commands) {
    command.exitOverride().configureOutput({ writeOut: (text) => void (help += text) });
  }
  await assert.rejects(root.parseAsync(['serve', '--help'], { from: 'user' }), { code: 'commander.helpDisplayed' });
  for (const flag of ['--rate-limit <rate>', '--unavailable-rate <fraction>', '--session-ttl <duration>', '--no-compression']) {
    assert.ok(help.includes(flag), flag);
  }
  assert.match(help, /Retry-After/);
  assert.match(help, /retry sooner/);
  assert.match(help, /no effect over stdio/);
  assert.match(help, /gzip/);
});

test('bad front-door flags on the command line: exit code 2, one line on stderr', async () => {
  const fake = fakeIo();
  assert.equal(await runCli(['serve', '--transport', 'http', '--rate-limit', 'lots'], fake.io), 2);
  assert.equal(process.exitCode, undefined, 'the exit code is returned, never set on the process');
  assert.deepEqual(fake.stdout, []);
  assert.deepEqual(fake.stderr, [
    'mcp-bench serve: --rate-limit expects a rate greater than 0, like 200/s, 30/m or 100/h; got "lots"\n',
  ]);
});

test('bad flags on the command line: one line each on stderr, exit code 2, nothing on stdout', async () => {
  const fake = fakeIo();
  assert.equal(await runCli(['serve', '--latency', 'soon', '--fail-rate', '-1'], fake.io), 2);
  assert.equal(process.exitCode, undefined);
  assert.deepEqual(fake.stdout, []);
  assert.equal(fake.stderr.length, 2);
  assert.match(fake.stderr[0] ?? '', /^mcp-bench serve: --latency expects .*; got "soon"\n$/);
  assert.match(fake.stderr[1] ?? '', /^mcp-bench serve: --fail-rate expects .*; got "-1"\n$/);
});

test('serve --transport http prints the one listening line, serves, and stops cleanly on SIGTERM', async () => {
  const fake = fakeIo();
  const running = program(fake.io).run(['serve', '--transport', 'http', '--port', '0', '--json-response']);
  const line = await fake.firstStdout;
  const base = String.raw`http://127\.0\.0\.1:\d+`;
  const contract = `^mcp-bench reference server: Streamable HTTP at ${base}/mcp, legacy SSE at ${base}/sse\n$`;
  assert.match(line, new RegExp(contract));
  const url = STREAMABLE_URL_PATTERN.exec(line)?.[1];
  assert.ok(url);
  const client = new Client({ name: 'serve-command-test', version: '0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  await client.ping();
  await client.close();
  fake.signal('SIGTERM');
  assert.equal(await running, null, 'served until stopped: nothing to report');
  assert.equal(process.exitCode, undefined);
  assert.deepEqual(fake.stdout, [line]);
  assert.deepEqual(fake.stderr, ['mcp-bench serve: stopped (SIGTERM)\n']);
});

test('serve --transport http applies the front-door flags: --rate-limit 1/s refuses a second tools/call', async () => {
  const fake = fakeIo();
  const args = ['serve', '--transport', 'http', '--json-response', '--rate-limit', '1/s', '--session-ttl', '1h'];
  const running = program(fake.io).run(args);
  const url = STREAMABLE_URL_PATTERN.exec(await fake.firstStdout)?.[1];
  assert.ok(url);
  const client = new Client({ name: 'serve-rate-limit-test', version: '0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  await client.callTool({ name: 'echo', arguments: { message: 'first' } });
  await assert.rejects(client.callTool({ name: 'echo', arguments: { message: 'second' } }), /429/);
  await client.close();
  fake.signal('SIGTERM');
  assert.equal(await running, null);
});

test('a port already in use is reported on one line with exit code 3', async () => {
  const first = fakeIo();
  const running = program(first.io).run(['serve', '--transport', 'http']);
  const port = /:(\d+)\/mcp/.exec(await first.firstStdout)?.[1];
  assert.ok(port);
  const second = fakeIo();
  assert.equal(await runCli(['serve', '--transport', 'http', '--port', port], second.io), 3);
  assert.equal(process.exitCode, undefined);
  assert.equal(second.stderr.length, 1);
  const expected = new RegExp(`^mcp-bench serve: cannot listen on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE`);
  assert.match(second.stderr[0] ?? '', expected);
  first.signal('SIGINT');
  await running;
});

test('serve --transport http also stops when the parent closes its stdin pipe', async () => {
  const fake = fakeIo();
  const parentPipe = new PassThrough();
  const running = program(fake.io, parentPipe).run(['serve', '--transport', 'http']);
  await fake.firstStdout;
  parentPipe.write('anything the parent writes is ignored\n');
  parentPipe.end();
  assert.equal(await running, null);
  assert.deepEqual(fake.stderr, ['mcp-bench serve: stopped (stdin closed)\n']);
});

test('--fail-rate accepts plain and exponent fractions, as String(number) writes them', () => {
  for (const [text, value] of [['0.25', 0.25], ['1', 1], ['.5', 0.5], ['1e-7', 1e-7]] as const) {
    const result = parseServeFlags({ ...DEFAULTS, failRate: text });
    assert.equal(result.ok && result.value.server.failRate, value);
  }
});

test('--leak-per-session takes byte units, on either transport, and is absent when not given', () => {
  const stdio = parseServeFlags({ ...DEFAULTS, leakPerSession: '100KB' });
  assert.ok(stdio.ok);
  assert.equal(stdio.value.server.leakPerSessionBytes, 100_000);
  const http = parseServeFlags({ ...DEFAULTS, transport: 'http', leakPerSession: '64KiB' });
  assert.ok(http.ok);
  assert.equal(http.value.server.leakPerSessionBytes, 65_536);
  const none = parseServeFlags(DEFAULTS);
  assert.ok(none.ok);
  assert.equal(none.value.server.leakPerSessionBytes, undefined);
  const bad = parseServeFlags({ ...DEFAULTS, leakPerSession: 'lots' });
  assert.ok(!bad.ok);
  assert.match(bad.problems[0]!, /^mcp-bench serve: --leak-per-session expects a size like 512B.*got "lots"$/);
});

test('--leak-per-call takes byte units, on either transport, and is absent when not given', () => {
  const stdio = parseServeFlags({ ...DEFAULTS, leakPerCall: '64KB' });
  assert.ok(stdio.ok);
  assert.equal(stdio.value.server.leakPerCallBytes, 64_000);
  const http = parseServeFlags({ ...DEFAULTS, transport: 'http', leakPerCall: '1MiB' });
  assert.ok(http.ok);
  assert.equal(http.value.server.leakPerCallBytes, 1_048_576);
  const none = parseServeFlags(DEFAULTS);
  assert.ok(none.ok);
  assert.equal('leakPerCallBytes' in none.value.server, false);
  const bad = parseServeFlags({ ...DEFAULTS, leakPerCall: '-5KB', leakPerSession: 'lots' });
  assert.ok(!bad.ok);
  assert.deepEqual(
    bad.problems.map((line) => line.replace(/ expects .*; got /, ' expects …; got ')),
    ['mcp-bench serve: --leak-per-session expects …; got "lots"', 'mcp-bench serve: --leak-per-call expects …; got "-5KB"'],
  );
});

test('--counts-file is a path on either transport; an empty one is refused', () => {
  const given = parseServeFlags({ ...DEFAULTS, countsFile: 'counts.jsonl' });
  assert.equal(given.ok && given.value.countsFile, 'counts.jsonl');
  const absent = parseServeFlags(DEFAULTS);
  assert.ok(absent.ok);
  assert.equal(absent.value.countsFile, null);
  const empty = parseServeFlags({ ...DEFAULTS, transport: 'http', countsFile: ' ' });
  assert.ok(!empty.ok);
  assert.deepEqual(empty.problems, ['mcp-bench serve: --counts-file expects a file path; got " "']);
});

test('serve --counts-file: stopped by SIGTERM, the server appends one JSON line of what it received (relative to cwd)', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-bench-counts-'));
  for (const round of [1, 2]) {
    const fake = fakeIo();
    const io = { ...fake.io, cwd: dir };
    const running = program(io).run(['serve', '--transport', 'http', '--json-response', '--counts-file', 'counts.jsonl', '--leak-per-call', '1KB']);
    const url = STREAMABLE_URL_PATTERN.exec(await fake.firstStdout)?.[1];
    assert.ok(url);
    const client = new Client({ name: 'serve-counts-test', version: '0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    for (let i = 0; i < round; i++) await client.callTool({ name: 'echo', arguments: { message: `call ${i}` } });
    await client.close();
    fake.signal('SIGTERM');
    assert.equal(await running, null);
    assert.deepEqual(fake.stderr, ['mcp-bench serve: stopped (SIGTERM)\n']);
  }
  // Two servers, one line each, in the order they stopped: a test reconciles calls over recycled servers this way.
  const lines = readCountsLines(await readFile(path.join(dir, 'counts.jsonl'), 'utf8'));
  assert.deepEqual(lines.map((line) => [line.pid, line.transport, line.counts.tools['echo']]), [[process.pid, 'http', 1], [process.pid, 'http', 2]]);
  assert.equal(lines[0]!.counts.requests['initialize'], 1);
});

test('serve --counts-file that cannot be written: one line on stderr, the server still stops cleanly', async () => {
  const fake = fakeIo();
  const running = program(fake.io).run(['serve', '--transport', 'http', '--counts-file', path.join(os.tmpdir(), 'no-such-dir-mcp-bench', 'counts.jsonl')]);
  await fake.firstStdout;
  fake.signal('SIGTERM');
  assert.equal(await running, null);
  assert.equal(fake.stderr.length, 2);
  assert.match(fake.stderr[0]!, /^mcp-bench serve: could not append the counts to .*counts\.jsonl: ENOENT\n$/);
  assert.equal(fake.stderr[1], 'mcp-bench serve: stopped (SIGTERM)\n');
});
