import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../../../src/cli/program.js';
import { captureIo } from '../../fixtures/io.js';
import { scenario, tempDir } from './helpers.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

async function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  const io = captureIo({ cwd, env });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

const noStack = (text: string): void => assert.doesNotMatch(text, /\n\s+at .+:\d+:\d+/, 'no stack trace');

describe('bad input: a clear message and exit code 2, never a stack trace', () => {
  it('validate reports three different mistakes at once, with their paths', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'three.yaml', `
name: three
seeed: 3
target:
  builtin: { latency: 1ms }
workloads:
  - name: a
    type: sequential
    iterations: 100
    operations:
      - { tool: echo }
  - name: b
    type: concurrent
    concurrency: 4
    duration: 10
    operations:
      - { method: ping, weight: 1 }
  - name: c
    type: concurrent
    duration: 1s
    operations:
      - { method: ping }
`);
    const { code, err } = await cli(['validate', file], dir);
    assert.equal(code, 2);
    assert.match(err, /3 problems/);
    assert.match(err, /✗ seeed\b.*did you mean "seed"/);
    assert.match(err, /workloads\[1\]\.duration\b.*10s/);
    assert.match(err, /workloads\[2\]\.concurrency\b/);
    noStack(err);
  });

  it('validate accepts every shipped scenario', async () => {
    const { code, out } = await cli(['validate', 'scenarios/quickstart.yaml', 'scenarios/sequential.yaml', 'scenarios/concurrent.yaml', 'scenarios/http.yaml', 'scenarios/any-server.yaml'], process.cwd());
    assert.equal(code, 0);
    assert.equal(out.match(/^✓ /gm)?.length, 5);
  });

  it('run with a missing file, bad YAML, or an unset ${VAR}', async () => {
    const dir = await tempDir();
    const missing = await cli(['run', 'nope.yaml'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /nope\.yaml/);
    const bad = await scenario(dir, 'bad.yaml', 'name: x\ntarget: { builtin: {}\nworkloads: [\n');
    const yaml = await cli(['run', bad], dir);
    assert.equal(yaml.code, 2);
    assert.match(yaml.err, /line \d+, column \d+/);
    const env = await scenario(dir, 'env.yaml', 'name: x\ntarget:\n  http: { url: "http://127.0.0.1:1/mcp", headers: { Authorization: "Bearer ${MCP_TOKEN}" } }\nworkloads:\n  - { name: w, type: sequential, iterations: 1, operations: [ { method: ping } ] }\n');
    const unset = await cli(['run', env], dir);
    assert.equal(unset.code, 2);
    assert.match(unset.err, /MCP_TOKEN/);
    assert.match(unset.err, /target\.http\.headers\.Authorization/);
    for (const r of [missing, yaml, unset]) noStack(r.err);
  });

  it('bad flags: unknown option, conflicting targets, a malformed header', async () => {
    const dir = await tempDir();
    const unknown = await cli(['run', '--concurrency-typo', '3'], dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /unknown option '--concurrency-typo'/);
    const both = await cli(['run', '--stdio', 'x', '--http', 'http://127.0.0.1:1/'], dir);
    assert.equal(both.code, 2);
    assert.match(both.err, /give one target/);
    const header = await cli(['run', '--http', 'http://127.0.0.1:1/', '-H', 'nocolon'], dir);
    assert.equal(header.code, 2);
    assert.match(header.err, /--header expects "Name: value"/);
  });

  it('--help and --version exit 0', async () => {
    const dir = await tempDir();
    const help = await cli(['--help'], dir);
    assert.equal(help.code, 0);
    assert.match(help.out, /Usage: mcp-bench/);
    const version = await cli(['--version'], dir);
    assert.equal(version.code, 0);
    assert.match(version.out, /^\d+\.\d+\.\d+/);
  });

  it('an -o that cannot be written is bad input before anything runs', async () => {
    const dir = await tempDir();
    const folder = await cli(['run', '-o', dir], dir);
    assert.equal(folder.code, 2);
    assert.match(folder.err, /is a folder; name a file/);
    const underFile = await cli(['run', '-o', '/etc/passwd/r.json'], dir);
    assert.equal(underFile.code, 2);
    assert.match(underFile.err, /\/etc\/passwd is a file, not a folder/);
    for (const r of [folder, underFile]) noStack(r.err);
  });
});
