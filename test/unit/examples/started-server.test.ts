import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parse } from 'yaml';
import { splitCommandLine } from '../../../src/cli/target-flags.js';
import { loadPlan } from '../../../src/scenario/load.js';
import { parseRunArgs } from './cli-args.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FILE = 'examples/github-actions.yml';
const TEXT = readFileSync(ROOT + FILE, 'utf8');

describe(`${FILE}: the job whose scenario starts the server`, () => {
  it('passes GitHub\'s workflow parser', () => {
    const parsed = parseWorkflow({ name: FILE, content: TEXT }, new NoOperationTraceWriter());
    assert.deepEqual(parsed.context.errors.getErrors().map((error) => error.message), []);
  });

  it('runs a shipped scenario with start: and gates on thresholds; the scenario starts the built server from the clone', async () => {
    const steps = (parse(TEXT) as { jobs: Record<string, { steps: { run?: string }[] }> }).jobs.started!.steps;
    const line = steps.map((step) => step.run ?? '').find((run) => run.includes('npx mcp-bench run '));
    assert.ok(line, 'an mcp-bench run step');
    const words = splitCommandLine(line);
    const args = words.slice(words.indexOf('mcp-bench') + 2);
    const parsed = await parseRunArgs(args);
    assert.ok(parsed.ok, JSON.stringify(parsed));
    const scenario = parsed.operands[0]!;
    assert.ok(args.filter((word) => word === '--threshold').length >= 1, 'thresholds are the gate');
    const loaded = await loadPlan(path.join(ROOT, scenario), {});
    assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.issues));
    const target = loaded.plan.target;
    assert.ok(target.kind === 'http' && target.start, 'its target starts the server');
    // The command runs the package's own build from the repository's root, the URL's port on its command line.
    assert.equal(target.start.cwd, ROOT.replace(/\/$/, ''));
    assert.equal(target.start.args[0], 'dist/cli/main.js');
    assert.ok(target.start.args.includes(new URL(target.url).port));
  });
});
