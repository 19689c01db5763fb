import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { resolveScenario, type Issue, type Plan } from '../../../src/scenario/index.js';

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

/** The context in-memory scenarios are resolved with: no file, no env, a fixed base folder. */
export const RESOLVE_CONTEXT = { file: null, env: {}, baseDir: '/srv/bench' };

/** Resolves a scenario that must be valid, failing the test with its issues otherwise. */
export function resolve(raw: unknown): Plan {
  const result = resolveScenario(raw, RESOLVE_CONTEXT);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  return result.plan;
}

/** The issues of a scenario that must be rejected. */
export function issues(raw: unknown): Issue[] {
  const result = resolveScenario(raw, RESOLVE_CONTEXT);
  assert.equal(result.ok, false, 'expected the scenario to be rejected');
  return result.ok ? [] : result.issues;
}
