import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScenarioText } from '../../../src/scenario/parse.js';
import { resolveScenario } from '../../../src/scenario/index.js';
import { MAX_NESTING } from '../../../src/input/nesting.js';
import { RESOLVE_CONTEXT, minimalScenario } from './helpers.js';

function issuesOf(file: string, text: string) {
  const parsed = parseScenarioText(file, text);
  assert.equal(parsed.ok, false, 'expected the text to be refused');
  return parsed.ok ? [] : parsed.issues;
}

const HEAD = 'name: deep\ntarget:\n  builtin: {}\nworkloads:\n  - name: w\n    type: sequential\n    iterations: 1\n    operations:\n      - tool: echo\n        args:\n';

test('nesting deeper than the limit is refused at its path and line, in flow and block YAML and in JSON', () => {
  const levels = 3000;
  const flow = `${HEAD}          x: ${'['.repeat(levels)}1${']'.repeat(levels)}\n`;
  let block = HEAD;
  for (let level = 0; level < levels; level++) block += `${' '.repeat(10 + level)}k${level}:\n`;
  const json = JSON.stringify({ name: 'deep', args: { x: JSON.parse(`${'['.repeat(levels)}1${']'.repeat(levels)}`) } });
  // The root mapping is level 1, workloads 2, the workload 3, operations 4, the operation 5, args 6.
  const flowPath = `workloads[0].operations[0].args.x${'[0]'.repeat(MAX_NESTING - 6)}`;
  const [inFlow] = issuesOf('deep.yaml', flow);
  assert.equal(inFlow?.path, flowPath);
  assert.match(inFlow?.message ?? '', new RegExp(`nested more than ${MAX_NESTING} levels deep`));
  assert.equal(inFlow?.line, 11);
  const [inBlock] = issuesOf('deep.yaml', block);
  assert.equal(inBlock?.path, `workloads[0].operations[0].args.${Array.from({ length: MAX_NESTING - 5 }, (_, i) => `k${i}`).join('.')}`);
  assert.equal(inBlock?.line, 11 + MAX_NESTING - 5);
  const [inJson] = issuesOf('deep.json', json);
  assert.equal(inJson?.path, `args.x${'[0]'.repeat(MAX_NESTING - 2)}`);
  assert.equal(inJson?.line, 1);
});

test('nesting up to the limit is read; one level more is not', () => {
  const text = (depth: number) => `${HEAD}          x: ${'['.repeat(depth)}1${']'.repeat(depth)}\n`;
  assert.equal(parseScenarioText('ok.yaml', text(MAX_NESTING - 6)).ok, true);
  assert.equal(parseScenarioText('deep.yaml', text(MAX_NESTING - 5)).ok, false);
});

test('a deep value given in memory (the library) is refused by resolve, not overflowed', () => {
  let deep: unknown = 1;
  for (let level = 0; level < 5000; level++) deep = { x: deep };
  const scenario = minimalScenario();
  (scenario.workloads as Record<string, unknown>[])[0]!.operations = [{ tool: 'echo', args: deep }];
  const inMemory = resolveScenario(scenario, RESOLVE_CONTEXT);
  assert.ok(!inMemory.ok);
  assert.deepEqual(inMemory.ok ? [] : inMemory.issues.map((issue) => issue.path), [`workloads[0].operations[0].args${'.x'.repeat(MAX_NESTING - 5)}`]);
});

test('YAML tags other than the plain ones are refused with the tag, path, line and column', () => {
  const text = 'name: !!js/function "x"\ntarget:\n  builtin: !foo\n    latency: 1ms\nworkloads:\n  - !!binary aGk=\n  - name: !!str w\n';
  const issues = issuesOf('tags.yaml', text);
  assert.deepEqual(
    issues.map((issue) => [issue.path, issue.got, issue.line, issue.column]),
    [
      ['name', '!!js/function', 1, 7],
      ['target.builtin', '!foo', 3, 12],
      ['workloads[0]', '!!binary', 6, 5],
    ],
  );
  assert.match(issues[0]?.message ?? '', /unsupported YAML tag !!js\/function/);
});

test('a second YAML document is refused at its line', () => {
  const [issue] = issuesOf('two.yaml', 'name: a\n---\nname: b\n');
  assert.match(issue?.message ?? '', /more than one YAML document/);
  assert.equal(issue?.line, 2);
});

test('JSON syntax errors carry line and column, and never quote the text (it may hold a secret)', () => {
  const cases: [string, number, number, RegExp][] = [
    ['{"name": "x", "target": }', 1, 25, /expected a value .*; got "}"/],
    ['{\n  "name": "x",\n  "target": {"builtin": {}},\n}\n', 4, 1, /expected a double-quoted property name; got "}"/],
    ['{"name": "x", "token": "s3cret', 1, 31, /expected a closing " for the string; got the end of the file/],
    ['{"a": 1} x', 1, 10, /expected the end of the file; got "x"/],
    ['{"a" 1}', 1, 6, /expected ':' after the property name/],
    ['[1 2]', 1, 4, /expected ',' or '\]'/],
    ['{"a": "x\ny"}', 1, 9, /control character/],
    ['{"a": "\\q"}', 1, 8, /an escape/],
    ['{"a": tru}', 1, 7, /expected a value/],
    ['{"a": -}', 1, 7, /expected a value/],
  ];
  for (const [text, line, column, message] of cases) {
    const [issue] = issuesOf('bad.json', text);
    assert.deepEqual([issue?.line, issue?.column], [line, column], text);
    assert.match(issue?.message ?? '', message, text);
    assert.doesNotMatch(issue?.message ?? '', /s3cret/);
  }
});
