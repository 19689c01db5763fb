import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../src/cli/program.js';
import { watchGroups } from '../../../src/client/transports/live-groups.js';
import { captureIo } from '../../fixtures/io.js';
import { checkForLeaks, expectGone } from '../leak-check.js';

checkForLeaks();

const REPO = process.cwd();
const LINUX = process.platform === 'linux';
/** The reference server, as a user's own command line would start it. */
const SERVE = ['--import', 'tsx', path.join(REPO, 'src/cli/main.ts'), 'serve', '--transport', 'http'];

/** A port free right now: port 0 cannot be written in a URL, so the test picks one first. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const WORKLOAD = { name: 'echo', type: 'concurrent', concurrency: 2, duration: '300ms', operations: [{ tool: 'echo', args: { message: 'hi' } }] };

describe('a server started by the run (target start:) and --server-pid, against the reference server', { timeout: 60_000 }, () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-bench-started-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function runScenarioFile(scenario: object, ...flags: string[]) {
    const file = path.join(dir, `${Math.random().toString(36).slice(2)}.json`);
    await writeFile(file, JSON.stringify(scenario));
    const report = file.replace(/\.json$/, '.report.json');
    const io = captureIo({ cwd: dir });
    const code = await runCli(['run', file, '-q', '-o', report, ...flags], io);
    return { code, io, report, log: report.replace(/\.json$/, '.server.log') };
  }

  it('starts the server once, waits for its URL, samples its CPU and RSS, and stops it at the end', async () => {
    const port = await freePort();
    const pids: number[] = [];
    const unwatch = watchGroups((pgid) => pids.push(pgid));
    const url = `http://127.0.0.1:${port}/mcp`;
    const start = { command: process.execPath, args: [...SERVE, '--port', String(port)], env: { STARTED_SECRET: 'sekret-value-123' }, cwd: REPO, timeout: '20s' };
    const second = { ...WORKLOAD, name: 'echo-again' };
    const { code, io, report } = await runScenarioFile({ name: 'started', target: { http: { url, start } }, workloads: [WORKLOAD, second] });
    unwatch();
    assert.equal(code, 0, io.err());
    // One server for the whole run, not one per workload, and it is gone once the run returns.
    assert.equal(pids.length, 1, `groups spawned: ${pids.join(', ')}`);
    assert.equal(isRunning(pids[0]!), false, 'the started server outlived the run');
    expectGone(...pids);
    const text = await readFile(report, 'utf8');
    assert.ok(!text.includes('sekret-value-123'), 'an env value of start: reached the report');
    const summary = JSON.parse(text) as { workloads: { calls?: number; serverResources?: { meanCpuPercent: number; peakRssBytes: number; samples: unknown[] } }[] };
    for (const workload of summary.workloads) {
      if (!LINUX) continue;
      const resources = workload.serverResources;
      assert.ok(resources, 'no serverResources for the started server');
      assert.ok(resources.peakRssBytes > 10_000_000, `RSS ${resources.peakRssBytes}`);
      assert.ok(resources.meanCpuPercent > 0, `CPU ${resources.meanCpuPercent}`);
    }
  });

  it('a server that exits before it is ready fails the run at once: exit 3, its last line and the log path', async () => {
    const script = 'console.error("boom: no config file"); process.exit(7)';
    const start = { command: process.execPath, args: ['-e', script], timeout: '20s' };
    const began = Date.now();
    const { code, io, log } = await runScenarioFile({ name: 'dies', target: { http: { url: 'http://127.0.0.1:9/mcp', start } }, workloads: [WORKLOAD] });
    assert.equal(code, 3, io.err());
    assert.ok(Date.now() - began < 15_000, 'the failed start was waited for until the timeout');
    assert.match(io.err(), /the started server \(.*\) exited with code 7 before it was ready/);
    assert.match(io.err(), /boom: no config file/);
    assert.ok(io.err().includes(`server log: ${path.basename(log)}`), io.err());
    assert.match(await readFile(log, 'utf8'), /boom: no config file/);
  });

  it('--workers refuses a target with start: before starting anything (each worker would start its own server)', async () => {
    const script = 'require("node:fs").writeFileSync(process.argv[1], "started")';
    const marker = path.join(dir, 'started-by-workers');
    const start = { command: process.execPath, args: ['-e', script, marker] };
    const { code, io } = await runScenarioFile({ name: 'workers', target: { http: { url: 'http://127.0.0.1:9/mcp', start } }, workloads: [WORKLOAD] }, '--workers', '2');
    assert.equal(code, 2, io.err());
    assert.match(io.err(), /--workers cannot run a target with start: yet/);
    await assert.rejects(readFile(marker, 'utf8'), 'nothing was started');
  });

  it('a server not ready in time fails with start:timeout (exit 3) and is stopped', async () => {
    const start = { command: process.execPath, args: ['-e', 'setInterval(() => {}, 1000)'], ready: { log: 'never printed' }, timeout: '300ms' };
    const pids: number[] = [];
    const unwatch = watchGroups((pgid) => pids.push(pgid));
    const { code, io } = await runScenarioFile({ name: 'slow', target: { http: { url: 'http://127.0.0.1:9/mcp', start } }, workloads: [WORKLOAD] });
    unwatch();
    assert.equal(code, 3, io.err());
    assert.match(io.err(), /was not ready within 300ms \(waiting for a line matching \/never printed\/\).*\(start:timeout\)/s);
    assert.equal(isRunning(pids[0]!), false);
  });

  it('--server-pid samples a server started separately; a pid that does not exist is exit 2', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [...SERVE, '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.once('data', () => resolve());
        child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
      });
      const url = `http://127.0.0.1:${port}/mcp`;
      const { code, io, report } = await runScenarioFile({ name: 'by-pid', target: { http: { url } }, workloads: [WORKLOAD] }, '--server-pid', String(child.pid));
      assert.equal(code, 0, io.err());
      const summary = JSON.parse(await readFile(report, 'utf8')) as { workloads: { serverResources?: { peakRssBytes: number } }[] };
      if (LINUX) assert.ok((summary.workloads[0]!.serverResources?.peakRssBytes ?? 0) > 10_000_000, JSON.stringify(summary.workloads[0]!.serverResources));
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
    }
    const missing = await runScenarioFile({ name: 'by-pid', target: { http: { url: 'http://127.0.0.1:9/mcp' } }, workloads: [WORKLOAD] }, '--server-pid', '2147483646');
    assert.equal(missing.code, 2);
    assert.match(missing.io.err(), /--server-pid 2147483646: no such process/);
  });
});
