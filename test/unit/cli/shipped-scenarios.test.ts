import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { scenariosText } from '../../../src/cli/scenarios.js';
import { firstCommentLine, scenarioFileFor, shippedScenarioNames, shippedScenarios, SHIPPED_SCENARIOS_DIR } from '../../../src/cli/shipped-scenarios.js';

const CWD = '/home/me/project';
const SHIPPED_DIR = '/pkg/scenarios';
const lookup = (existing: readonly string[]) => ({ cwd: CWD, exists: (file: string) => existing.includes(file), shipped: ['quickstart', 'rate', 'any-server'], shippedDir: SHIPPED_DIR });

describe('a run argument: a file, or a shipped scenario by name', () => {
  it('takes a file in the working directory first, even one named like a shipped scenario', () => {
    assert.deepEqual(scenarioFileFor('quickstart', lookup([`${CWD}/quickstart`])), { ok: true, file: `${CWD}/quickstart` });
    assert.deepEqual(scenarioFileFor('rate.yaml', lookup([`${CWD}/rate.yaml`])), { ok: true, file: `${CWD}/rate.yaml` });
  });

  it('resolves a bare name, with or without .yaml, to the shipped scenario', () => {
    assert.deepEqual(scenarioFileFor('quickstart', lookup([])), { ok: true, file: path.join(SHIPPED_DIR, 'quickstart.yaml') });
    assert.deepEqual(scenarioFileFor('rate.yaml', lookup([])), { ok: true, file: path.join(SHIPPED_DIR, 'rate.yaml') });
  });

  it('leaves a path with a folder, or a file name with an extension, to the loader (which says it is missing)', () => {
    assert.deepEqual(scenarioFileFor('./quickstart', lookup([])), { ok: true, file: `${CWD}/quickstart` });
    assert.deepEqual(scenarioFileFor('sub/quickstart', lookup([])), { ok: true, file: `${CWD}/sub/quickstart` });
    assert.deepEqual(scenarioFileFor('mine.yaml', lookup([])), { ok: true, file: `${CWD}/mine.yaml` });
  });

  it('answers an unknown bare name with did-you-mean and the shipped names, pointing at commands, not files', () => {
    const result = scenarioFileFor('quikstart', lookup([]));
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(
      result.error,
      [
        'no scenario file "quikstart" here, and no shipped scenario of that name; did you mean "quickstart"?',
        '  shipped: quickstart, rate or any-server',
        '  hint: mcp-bench scenarios lists them with what each does; a file of your own is named by its path (./my.yaml)',
      ].join('\n'),
    );
    const far = scenarioFileFor('zzz', lookup([]));
    assert.ok(!far.ok && !far.error.includes('did you mean'));
  });
});

describe('the shipped scenarios', () => {
  it('takes a description from the first comment line only', () => {
    assert.equal(firstCommentLine('\n# Ramps: find where latency climbs.\n# more\nname: x\n'), 'Ramps: find where latency climbs.');
    assert.equal(firstCommentLine('name: x\n# later\n'), '');
    assert.equal(firstCommentLine(''), '');
  });

  it('ships quickstart and any-server (the defaults of run), each described', () => {
    const names = shippedScenarioNames();
    assert.ok(names.includes('quickstart') && names.includes('any-server'), names.join(', '));
    for (const scenario of shippedScenarios()) assert.notEqual(scenario.description, '', `${scenario.name} has no first comment line`);
    assert.ok(SHIPPED_SCENARIOS_DIR.endsWith(`${path.sep}scenarios${path.sep}`));
  });

  it('lists names aligned, descriptions cut to the width when there is one', () => {
    const scenarios = [
      { name: 'quickstart', description: 'The first run.', file: '' },
      { name: 'any-server', description: 'For any MCP server: only calls every server answers, so nothing depends on its tools.', file: '' },
    ];
    assert.equal(
      scenariosText(scenarios, 50),
      'Scenarios shipped with mcp-bench (run one with: mcp-bench run <name>):\n  quickstart  The first run.\n  any-server  For any MCP server: only calls ever…\n',
    );
    assert.ok(scenariosText(scenarios, undefined).includes('depends on its tools.'));
    assert.match(scenariosText([], undefined), /no shipped scenarios found/);
  });
});
