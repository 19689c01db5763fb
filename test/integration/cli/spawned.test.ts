import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { RunSummary } from '../../../src/summary/summary.js';
import { REPO, scenario, tempDir, TSX } from './helpers.js';
import { checkForLeaks } from '../leak-check.js';

checkForLeaks();

/** The CLI as a user runs it: its own process, real stdio, real exit code. */
function spawnCli(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, path.join(REPO, 'src/cli/main.ts'), ...args], {
      cwd,
      env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the CLI as a spawned process', { timeout: 120_000 }, () => {
  it('runs a scenario, prints the table on stdout, progress on stderr, writes the report, exits 0', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'spawned.yaml', `name: spawned\ntarget:\n  builtin: { latency: 1ms }\nworkloads:\n  - { name: echo-seq, type: sequential, iterations: 40, warmup: 4, operations: [ { tool: echo, args: { message: hi } } ] }\n`);
    // The folder of an -o path must exist (only the default reports/ is created).
    await mkdir(path.join(dir, 'out'));
    const { code, stdout, stderr } = await spawnCli(['run', file, '-o', 'out/r.json'], dir);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /echo-seq sequential · 40 calls/);
    assert.match(stdout, /│ tools\/call echo │\s+40 │\s+0 │/);
    assert.doesNotMatch(stdout, /\u001b\[/, 'NO_COLOR: no colour codes');
    assert.match(stderr, /report: out\/r\.json/);
    const report = JSON.parse(await readFile(path.join(dir, 'out/r.json'), 'utf8')) as RunSummary;
    assert.equal(report.workloads[0]!.operations[0]!.count, 40);
  });

  it('--json prints the report itself on stdout', async () => {
    const dir = await tempDir();
    const file = await scenario(dir, 'j.yaml', `name: j\ntarget:\n  builtin: {}\nworkloads:\n  - { name: w, type: sequential, iterations: 5, operations: [ { method: ping } ] }\n`);
    const { code, stdout } = await spawnCli(['run', file, '--json', '-o', 'r.json'], dir);
    assert.equal(code, 0);
    assert.equal((JSON.parse(stdout) as RunSummary).workloads[0]!.total.count, 5);
  });

  it('bad input exits 2 with no stack trace', async () => {
    const dir = await tempDir();
    const { code, stderr } = await spawnCli(['run', 'missing.yaml'], dir);
    assert.equal(code, 2);
    assert.doesNotMatch(stderr, /\n\s+at .+:\d+:\d+/);
  });

  it('the installed bin (built by npm install\'s prepare) is an executable script that runs', async () => {
    const pkg = JSON.parse(await readFile(path.join(REPO, 'package.json'), 'utf8')) as { bin: Record<string, string>; version: string };
    const bin = path.join(REPO, pkg.bin['mcp-bench']!);
    assert.equal(pkg.bin['mcp-bench'], 'dist/cli/main.js');
    assert.match(await readFile(bin, 'utf8'), /^#!\/usr\/bin\/env node\n/);
    assert.ok(((await stat(bin)).mode & 0o111) !== 0, `${bin} is executable (npx runs it directly)`);
    const version = await new Promise<string>((resolve, reject) =>
      execFile(bin, ['--version'], (error, stdout) => (error ? reject(error) : resolve(stdout))),
    );
    assert.equal(version.trim(), pkg.version);
  });
});
