import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCENARIOS_DIR = fileURLToPath(new URL('../../../scenarios/', import.meta.url));

/** Writes `text` to a new temporary folder and returns the file's path. */
export async function scenarioFile(name: string, text: string): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'mcp-bench-scenario-'));
  const file = path.join(folder, name);
  await writeFile(file, text);
  return file;
}

/** A minimal valid scenario to vary in tests. */
export function minimalScenario(): Record<string, unknown> {
  return {
    name: 'minimal',
    target: { builtin: {} },
    workloads: [{ name: 'w', type: 'sequential', iterations: 10, operations: [{ method: 'ping' }] }],
  };
}
