/**
 * `validate` at scale (issue 11, must-show 3): a valid scenario with a 60 KB argument (target < 1 s), 80,000 duplicate
 * operation names in YAML and JSON (target < 5 s), 80,000 unknown keys in one mapping, 3,000-level nested JSON.
 * Each case runs in a fresh process (no JIT state carried over): the `validate` command is timed in-process there,
 * wall and CPU, so Node's and tsx's start-up are left out; the process's whole wall time is shown beside it.
 *
 *   node --import tsx bench/validate-scale.ts [--rounds 3]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from '../src/cli/program.js';

interface Case {
  readonly name: string;
  readonly file: string;
  readonly text: () => string;
  readonly exit: number;
  /** Target for the command's wall time, ms; null: shown only. */
  readonly limitMs: number | null;
}

const HEAD = 'name: scale\ntarget:\n  builtin: { latency: 1ms }\nworkloads:\n  - name: w\n    type: sequential\n    iterations: 10\n';
const many = (count: number, line: string): string => Array.from({ length: count }, () => line).join('\n');
const nested = (levels: number): string => `${'['.repeat(levels)}1${']'.repeat(levels)}`;

const CASES: readonly Case[] = [
  { name: '60 KB argument (valid)', file: 'arg-60kb.yaml', exit: 0, limitMs: 1000, text: () => `${HEAD}    operations:\n      - tool: echo\n        args: { message: "${'a'.repeat(60_000)}" }\n` },
  { name: '80,000 duplicate names, YAML', file: 'dup-80k.yaml', exit: 2, limitMs: 5000, text: () => `${HEAD}    operations:\n${many(80_000, '      - { name: same, method: ping }')}\n` },
  {
    name: '80,000 duplicate names, JSON',
    file: 'dup-80k.json',
    exit: 2,
    limitMs: 5000,
    text: () => JSON.stringify({ name: 'scale', target: { builtin: {} }, workloads: [{ name: 'w', type: 'sequential', iterations: 10, operations: Array.from({ length: 80_000 }, () => ({ name: 'same', method: 'ping' })) }] }),
  },
  { name: '80,000 unknown keys in one mapping', file: 'unknown-80k.yaml', exit: 2, limitMs: 5000, text: () => `${HEAD}    operations: [ { method: ping } ]\n${Array.from({ length: 80_000 }, (_, i) => `    extra${i}: 1`).join('\n')}\n` },
  { name: '3,000-level nested JSON', file: 'deep-3000.json', exit: 2, limitMs: 1000, text: () => `{"name":"scale","target":{"builtin":{}},"workloads":[{"name":"w","type":"sequential","iterations":1,"operations":[{"tool":"echo","args":{"x":${nested(3000)}}}]}]}` },
];

interface Measured {
  readonly code: number;
  readonly commandMs: number;
  readonly cpuMs: number;
  readonly stderrLines: number;
  readonly processMs: number;
}

/** In the child: the command alone, timed. */
async function child(file: string): Promise<void> {
  let stderr = '';
  const io = { stdout: { write: () => true }, stderr: { write: (chunk: string) => (stderr += chunk) }, env: {}, cwd: process.cwd(), onSignal: () => () => undefined, exitNow: () => undefined };
  const cpu = process.cpuUsage();
  const started = performance.now();
  const code = await runCli(['validate', file], io);
  const commandMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  process.stdout.write(`${JSON.stringify({ code, commandMs, cpuMs: (used.user + used.system) / 1000, stderrLines: stderr.split('\n').length - 1 })}\n`);
}

function measure(file: string): Promise<Measured> {
  const started = performance.now();
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join('bench', 'validate-scale.ts'), '--child', file], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  proc.stdout.on('data', (chunk: Buffer) => (out += chunk));
  return new Promise((resolve, reject) => {
    proc.once('error', reject);
    proc.once('close', () => {
      try {
        resolve({ ...(JSON.parse(out) as Omit<Measured, 'processMs'>), processMs: performance.now() - started });
      } catch {
        reject(new Error(`the child printed no result for ${file}: ${out}`));
      }
    });
  });
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, child: { type: 'string' } } });
  if (values.child) return child(values.child);
  const rounds = Number(values.rounds);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-bench-validate-scale-'));
  const rows = ['| case | exit | stderr lines | validate (median) | CPU | whole process | target | |', '|---|---:|---:|---:|---:|---:|---:|---|'];
  let missed = 0;
  for (const scale of CASES) {
    const file = path.join(dir, scale.file);
    await writeFile(file, scale.text());
    const results: Measured[] = [];
    for (let round = 0; round < rounds; round++) results.push(await measure(file));
    const wrongExit = results.find((r) => r.code !== scale.exit);
    const ms = median(results.map((r) => r.commandMs));
    const pass = wrongExit === undefined && (scale.limitMs === null || ms < scale.limitMs);
    if (!pass) missed++;
    const last = results[results.length - 1];
    rows.push(
      `| ${scale.name} | ${last?.code ?? '—'} | ${last?.stderrLines ?? '—'} | ${Math.round(ms)} ms | ${Math.round(median(results.map((r) => r.cpuMs)))} ms | ${Math.round(median(results.map((r) => r.processMs)))} ms | ${scale.limitMs === null ? '—' : `< ${scale.limitMs} ms`} | ${pass ? '✓' : '✗'} |`,
    );
  }
  process.stdout.write(`validate at scale, ${rounds} rounds each, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (${os.cpus().length} CPUs)\n\n${rows.join('\n')}\n`);
  process.exitCode = missed > 0 ? 1 : 0;
}

await main();
