/**
 * How long `validate` takes on scenarios with very long strings (issue 11, Must-show 3: a 60 KB argument < 1 s; it
 * took 8.7 s while URL redaction was a backtracking regex run on every string). Two figures per case: resolving the
 * parsed scenario in-process (the part that grew with the square of the length), and the whole `mcp-bench validate`
 * as a process, beside the same command on the quickstart (what starting Node, tsx and the CLI costs by itself).
 *
 *   node --import tsx bench/validate-size.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveScenario } from '../src/scenario/resolve.js';

const KB = 1024;
const base = () => ({ name: 'big', target: { builtin: { latency: '1ms' } }, workloads: [{ name: 'w', type: 'sequential', iterations: 10, operations: [{ tool: 'echo', args: { message: 'x' } as Record<string, unknown>, name: undefined as string | undefined }] }] });
const CASES: Record<string, () => unknown> = {
  '60 KB argument': () => withOperation((op) => (op.args = { message: 'a'.repeat(60 * KB) })),
  '60 KB argument of URL-like text': () => withOperation((op) => (op.args = { message: `${'http://u:p'.repeat(6 * KB)}@h?token=${'x'.repeat(KB)}` })),
  '1 MB argument': () => withOperation((op) => (op.args = { message: 'a'.repeat(1024 * KB) })),
  '1 MB operation name': () => withOperation((op) => (op.name = 'n'.repeat(1024 * KB))),
  '1 MB scenario name (refused: 64 at most)': () => ({ ...base(), name: 'b'.repeat(1024 * KB) }),
};

function withOperation(change: (op: ReturnType<typeof base>['workloads'][0]['operations'][0]) => void): unknown {
  const scenario = base();
  change(scenario.workloads[0]!.operations[0]!);
  return scenario;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const dir = mkdtempSync(path.join(os.tmpdir(), 'validate-size-'));
/** Wall time of `mcp-bench validate <file>` as its own process, whatever its exit code. */
const cli = (file: string): { ms: number; code: number | null } => {
  const started = performance.now();
  const { status } = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'validate', file], { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
  return { ms: performance.now() - started, code: status };
};

resolveScenario(base(), { file: null, env: {} });
const quickstart = median([0, 1, 2].map(() => cli('scenarios/quickstart.yaml').ms));
process.stdout.write(`| case | resolve in-process | mcp-bench validate (process) |\n|---|---:|---:|\n`);
process.stdout.write(`| quickstart (start-up alone) | — | ${quickstart.toFixed(0)} ms |\n`);
for (const [name, make] of Object.entries(CASES)) {
  const raw = make();
  const inProcess = median([0, 1, 2].map(() => {
    const started = performance.now();
    resolveScenario(raw, { file: null, env: {} });
    return performance.now() - started;
  }));
  const file = path.join(dir, `${name.replace(/\W+/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(raw));
  const runs = [0, 1, 2].map(() => cli(file));
  process.stdout.write(`| ${name} | ${inProcess.toFixed(1)} ms | ${median(runs.map((run) => run.ms)).toFixed(0)} ms (exit ${runs[0]?.code}) |\n`);
}
