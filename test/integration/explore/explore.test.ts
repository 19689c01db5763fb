/**
 * list, probe and init in-process against the built-in reference server over stdio (spawned per command), and the
 * written scenario through validate and a short run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../../src/cli/program.js';
import { captureIo } from '../../fixtures/io.js';
import { selfCommand } from '../../../src/client/transports/self-command.js';

const dir = await mkdtemp(path.join(tmpdir(), 'mcp-bench-explore-'));

test('list --json: the whole catalog of the built-in server', async () => {
  const io = captureIo({ cwd: dir });
  assert.equal(await runCli(['list', '--json'], io), 0, io.err());
  const catalog = JSON.parse(io.out());
  assert.equal(catalog.server.name, 'mcp-bench-reference');
  assert.ok(catalog.tools.some((t: { name: string }) => t.name === 'echo'));
  assert.ok(catalog.resources.length > 0 && catalog.prompts.length > 0);
});

test('probe --tool: one item per picked tool, exit 1 when one fails; an unknown tool is exit 2 with a suggestion', async () => {
  const io = captureIo({ cwd: dir });
  assert.equal(await runCli(['probe', '--tool', 'echo', '--tool', 'fail', '--times', '2', '--json'], io), 1, io.err());
  const items = JSON.parse(io.out()).items;
  assert.deepEqual(items.map((i: { name: string; outcome: string; calls: number }) => [i.name, i.outcome, i.calls]), [['echo', 'ok', 2], ['fail', 'tool-error', 2]]);
  assert.ok(items[0].latency.maxUs > 0 && items[0].bytes > 0);
  const unknown = captureIo({ cwd: dir });
  assert.equal(await runCli(['probe', '--tool', 'ecko'], unknown), 2);
  assert.match(unknown.err(), /--tool "ecko": the server has no such tool; did you mean "echo"\?/);
});

test("probe's latency is the server's: 20 ms injected by the reference server, p50 at least that and close to it", async () => {
  const self = selfCommand();
  const serve = [self.command, ...self.args, 'serve', '--latency', '20ms'].map((word) => JSON.stringify(word)).join(' ');
  const io = captureIo({ cwd: dir });
  assert.equal(await runCli(['probe', '--stdio', serve, '--tool', 'echo', '--times', '5', '--json'], io), 0, io.err());
  const [echo] = JSON.parse(io.out()).items as { name: string; calls: number; latency: { p50Us: number; maxUs: number } }[];
  assert.equal(echo!.calls, 5);
  assert.ok(echo!.latency.p50Us >= 20_000, `p50 ${echo!.latency.p50Us} µs is at least the injected 20 ms`);
  assert.ok(echo!.latency.p50Us < 200_000, `p50 ${echo!.latency.p50Us} µs is the injected 20 ms plus the call, not more`);
  assert.ok(echo!.latency.maxUs >= echo!.latency.p50Us);
});

test('a target that cannot start is exit 3 with one clear line; a bad flag is exit 2', async () => {
  const io = captureIo({ cwd: dir });
  assert.equal(await runCli(['list', '--stdio', 'node -e "process.exit(3)"', '--timeout', '5s'], io), 3);
  assert.match(io.err(), /^mcp-bench: could not connect to the target/);
  const bad = captureIo({ cwd: dir });
  assert.equal(await runCli(['probe', '--times', '0'], bad), 2);
  assert.equal(await runCli(['list', '-H', 'X: y'], bad), 2);
});

test('init writes a scenario that validate accepts and run runs; it will not overwrite without --force', async () => {
  const file = path.join(dir, 'scenario.yaml');
  const io = captureIo({ cwd: dir });
  assert.equal(await runCli(['init', '-o', 'scenario.yaml'], io), 0, io.err());
  const text = await readFile(file, 'utf8');
  assert.match(text, /builtin: \{\}/);
  const validate = captureIo({ cwd: dir });
  assert.equal(await runCli(['validate', file], validate), 0, validate.err());
  assert.equal(await runCli(['init', '-o', 'scenario.yaml'], captureIo({ cwd: dir })), 2);
  // A short run of the same operations: only the sequential workload, fewer iterations, the failing tools left out.
  const short = text
    .replace(/iterations: 100/, 'iterations: 2')
    .replace(/warmup: 10\n/, 'warmup: 0\n')
    .replace(/ {2}# Several calls in flight[\s\S]*?(?=# Limits)/, '')
    .replace(/^thresholds:[\s\S]*$/m, '');
  await writeFile(path.join(dir, 'short.yaml'), short);
  const run = captureIo({ cwd: dir });
  const code = await runCli(['run', 'short.yaml', '-q', '-o', path.join(dir, 'r.json')], run);
  assert.equal(code, 0, run.err() + run.out());
  const report = JSON.parse(await readFile(path.join(dir, 'r.json'), 'utf8'));
  assert.ok(report.workloads[0].operations.some((o: { name: string }) => /echo/.test(o.name)));
});
