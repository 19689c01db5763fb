import { selfCommand } from '../../../src/client/transports/self-command.js';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../../src/cli/program.js';
import type { RunSummary } from '../../../src/summary/summary.js';
import { captureIo, type CapturedIo } from '../../fixtures/io.js';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const TSX = import.meta.resolve('tsx');
export const COUNTING_SERVER = path.join(REPO, 'test/fixtures/counting-stdio-server.ts');

export async function tempDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'mcp-bench-test-'));
}

/** Writes a scenario (YAML text) into `dir` and returns its path. */
export async function scenario(dir: string, name: string, yaml: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, yaml);
  return file;
}

export interface CliResult {
  readonly code: number | null;
  readonly io: CapturedIo;
  readonly report: RunSummary | null;
}

/** Runs the CLI in-process with captured streams; reads back the JSON report written to `<dir>/report.json`. */
export async function runInProcess(dir: string, args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  const io = captureIo({ cwd: dir, env });
  const reportPath = path.join(dir, 'report.json');
  const code = await runCli([...args, '-o', reportPath, '--quiet'], io);
  const report = await readFile(reportPath, 'utf8').then((text) => JSON.parse(text) as RunSummary, () => null);
  return { code, io, report };
}

export function operation(report: RunSummary, workload: string, name: string) {
  const op = report.workloads.find((w) => w.name === workload)?.operations.find((o) => o.name === name);
  if (!op) throw new Error(`no operation ${name} in workload ${workload}`);
  return op;
}

/** The CLI as its own process (real signals, real exit code), with its output collected as it comes. */
export interface CliProcess {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Settles when the process has exited and its streams are closed. */
  readonly exited: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
  /** Resolves once stderr matches `pattern`; rejects after `timeoutMs` (with what stderr said). */
  waitForStderr(pattern: RegExp, timeoutMs: number): Promise<void>;
}

/**
 * The CLI's exit, bounded: a CLI still running after `ms` is SIGKILLed and the returned promise rejects with what its
 * stderr said, so a hang fails the test instead of stalling the suite.
 */
export async function exitWithin(cli: CliProcess, ms: number): Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      cli.child.kill('SIGKILL');
      reject(new Error(`the CLI did not exit within ${ms} ms; stderr:\n${cli.stderr()}`));
    }, ms);
  });
  try {
    return await Promise.race([cli.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function startCli(args: readonly string[], cwd: string, env: Record<string, string> = {}): CliProcess {
  // The CLI as the built-in server is started: dist/ when it was built from these sources, else tsx (self-command.ts).
  const self = selfCommand();
  const child = spawn(self.command, [...self.args, ...args], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk;
    listeners.forEach((listener) => listener());
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  const waitForStderr = (pattern: RegExp, timeoutMs: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      const check = (): void => {
        if (!pattern.test(stderr)) return;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`stderr did not match ${pattern} within ${timeoutMs} ms; it said:\n${stderr}`));
      }, timeoutMs);
      listeners.add(check);
      void exited.then(() => {
        if (!listeners.has(check)) return;
        done();
        if (pattern.test(stderr)) resolve();
        else reject(new Error(`the CLI exited before stderr matched ${pattern}; it said:\n${stderr}`));
      });
      check();
    });
  return { child, stdout: () => stdout, stderr: () => stderr, exited, waitForStderr };
}

/** Every process below `pid` (children, their children, …), from `ps`. */
export function descendantPids(pid: number): number[] {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  const childrenOf = new Map<number, number[]>();
  for (const line of table.split('\n')) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    if (child === undefined || parent === undefined || Number.isNaN(child)) continue;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), child]);
  }
  const found: number[] = [];
  const visit = (parent: number): void => {
    for (const child of childrenOf.get(parent) ?? []) {
      found.push(child);
      visit(child);
    }
  };
  visit(pid);
  return found;
}

/** True while `pid` is a running process (a zombie, dead but not yet reaped by whoever inherited it, is not). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Waits (at most `timeoutMs`) for every pid to be gone; returns those still running. */
export async function survivors(pids: readonly number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const running = pids.filter(isRunning);
    if (running.length === 0 || Date.now() >= deadline) return running;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
