import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../../src/cli/program.js';
import type { RunSummary } from '../../../src/metrics/summary.js';
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
