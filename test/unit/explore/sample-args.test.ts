import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { MAX_REF_DEPTH, sampleArguments } from '../../../src/explore/sample-args.js';
import { fromPattern, sampleString } from '../../../src/explore/sample-string.js';

const ajv = new AjvJsonSchemaValidator();

/** The sample, checked against the schema by Ajv (what a server's SDK would do) when it claims no problems. */
function valid(schema: object): Record<string, unknown> {
  const { args, problems } = sampleArguments(schema);
  assert.deepEqual(problems, []);
  const result = ajv.getValidator(schema as never)(args);
  assert.ok(result.valid, `${JSON.stringify(args)} fails ${JSON.stringify(schema)}: ${result.errorMessage}`);
  return args;
}

const obj = (properties: object, required = Object.keys(properties)): object => ({ type: 'object', properties, required });

test('only required fields; all optional gives {}', () => {
  assert.deepEqual(valid({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } }, required: ['b'] }), { b: 1 });
  assert.deepEqual(valid({ type: 'object', properties: { a: { type: 'string' } } }), {});
  assert.deepEqual(sampleArguments(undefined), { args: {}, problems: [] });
  assert.deepEqual(sampleArguments({ type: 'object' }), { args: {}, problems: [] });
});

test('const, enum (first), default and examples[0] win over the type', () => {
  assert.deepEqual(valid(obj({ c: { const: 'fixed' }, e: { enum: ['b', 'a'] }, d: { type: 'integer', default: 7 }, x: { type: 'string', examples: ['ex'] } })), {
    c: 'fixed',
    e: 'b',
    d: 7,
    x: 'ex',
  });
});

test('string formats give valid examples', () => {
  for (const format of ['uri', 'email', 'date-time', 'date', 'time', 'uuid', 'ipv4', 'ipv6', 'hostname']) {
    const args = valid(obj({ v: { type: 'string', format } }));
    assert.equal(typeof args.v, 'string', format);
  }
  assert.equal(valid(obj({ v: { type: 'string', format: 'email' } })).v, 'user@example.com');
});

test('an unknown format is said, not guessed silently', () => {
  const { problems } = sampleArguments(obj({ v: { type: 'string', format: 'zip-code' } }));
  assert.match(problems[0] ?? '', /^v: format "zip-code" is not one mcp-bench knows/);
});

test('string lengths: padded or cut', () => {
  assert.equal(valid(obj({ v: { type: 'string', minLength: 10 } })).v, 'examplexxx');
  assert.equal(valid(obj({ v: { type: 'string', maxLength: 3 } })).v, 'exa');
  assert.match(sampleArguments(obj({ v: { type: 'string', minLength: 5, maxLength: 2 } })).problems[0] ?? '', /minLength 5 is more than maxLength 2/);
});

test('simple patterns are built; complex ones are reported', () => {
  assert.equal(valid(obj({ v: { type: 'string', pattern: '^[A-Z]{3}-\\d{4}$' } })).v, 'AAA-0000');
  assert.equal(valid(obj({ v: { type: 'string', pattern: '^[0-9]+$', minLength: 4 } })).v, '0000');
  assert.equal(valid(obj({ v: { type: 'string', pattern: 'amp' } })).v, 'example', 'the plain example already matches');
  const { problems } = sampleArguments(obj({ v: { type: 'string', pattern: '^(foo|bar)\\d$' } }));
  assert.match(problems[0] ?? '', /^v: cannot build a string matching pattern/);
  assert.match(sampleArguments(obj({ v: { type: 'string', pattern: '([' } })).problems[0] ?? '', /not a valid regular expression/);
  assert.equal(fromPattern('^\\w\\.x?$'), 'a.');
  assert.equal(fromPattern('^[^a]$'), null);
});

test('a format example that breaks a length bound is a problem', () => {
  const result = sampleString({ format: 'email', maxLength: 4 });
  assert.equal(result.ok, false);
});

test('numbers: bounds, exclusive bounds (both drafts), multipleOf', () => {
  assert.deepEqual(valid(obj({ a: { type: 'integer' }, b: { type: 'number', minimum: 5 }, c: { type: 'integer', maximum: -3 } })), { a: 1, b: 5, c: -3 });
  assert.equal(valid(obj({ v: { type: 'integer', exclusiveMinimum: 5 } })).v, 6);
  assert.equal(valid(obj({ v: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 } })).v, 0.5);
  assert.equal(valid(obj({ v: { type: 'integer', minimum: 7, multipleOf: 5 } })).v, 10);
  assert.equal(valid(obj({ v: { type: 'number', minimum: 0.3, multipleOf: 0.25 } })).v, 0.5);
  assert.equal(valid(obj({ v: { type: 'integer', exclusiveMaximum: 0 } })).v, -1);
  assert.equal(valid(obj({ v: { type: 'integer', minimum: 3, maximum: 3 } })).v, 3);
  // Draft 4: a boolean exclusiveMinimum beside minimum (checked by hand: Ajv here is 2020-12).
  assert.deepEqual(sampleArguments(obj({ v: { type: 'integer', minimum: 2, exclusiveMinimum: true } })), { args: { v: 3 }, problems: [] });
  assert.match(sampleArguments(obj({ v: { type: 'integer', minimum: 1.2, maximum: 1.8 } })).problems[0] ?? '', /^v: no integer found ≥ 1.2 ≤ 1.8/);
});

test('booleans, null, type lists', () => {
  assert.deepEqual(valid(obj({ b: { type: 'boolean' }, n: { type: 'null' }, t: { type: ['null', 'integer'] } })), { b: true, n: null, t: 1 });
});

test('arrays: minItems items of the item schema, tuples, uniqueItems', () => {
  assert.deepEqual(valid(obj({ v: { type: 'array', items: { type: 'string' } } })), { v: [] });
  assert.deepEqual(valid(obj({ v: { type: 'array', minItems: 2, items: { type: 'integer', minimum: 4 } } })), { v: [4, 4] });
  assert.deepEqual(valid(obj({ v: { type: 'array', minItems: 2, prefixItems: [{ type: 'string' }, { type: 'boolean' }] } })), { v: ['example', true] });
  assert.match(sampleArguments(obj({ v: { type: 'array', minItems: 2, uniqueItems: true, items: { type: 'integer' } } })).problems[0] ?? '', /uniqueItems/);
});

test('nested objects and minProperties', () => {
  const schema = obj({ outer: obj({ inner: { type: 'string', format: 'date' }, opt: { type: 'integer' } }, ['inner']) });
  assert.deepEqual(valid(schema), { outer: { inner: '2024-01-01' } });
  assert.deepEqual(valid({ type: 'object', properties: { a: { type: 'integer' } }, minProperties: 1 }), { a: 1 });
});

test('anyOf/oneOf: the first branch that works', () => {
  const schema = obj({ v: { anyOf: [{ type: 'string', pattern: '^(a|b)$' }, { type: 'integer', minimum: 3 }] } });
  assert.deepEqual(sampleArguments(schema), { args: { v: 3 }, problems: [] });
  assert.deepEqual(valid(obj({ v: { oneOf: [{ type: 'null' }, { type: 'string' }] } })), { v: null });
  assert.deepEqual(valid({ allOf: [obj({ a: { type: 'string' } }), obj({ b: { type: 'boolean' } })] }), { a: 'example', b: true });
});

test('$ref to $defs and definitions; recursion is bounded and said', () => {
  const defs = { $defs: { Point: obj({ x: { type: 'number' }, y: { type: 'number' } }) } };
  assert.deepEqual(valid({ ...obj({ p: { $ref: '#/$defs/Point' } }), ...defs }), { p: { x: 1, y: 1 } });
  assert.deepEqual(valid({ ...obj({ p: { $ref: '#/definitions/Name' } }), definitions: { Name: { type: 'string' } } }), { p: 'example' });
  const recursive = { ...obj({ node: { $ref: '#/$defs/Node' } }), $defs: { Node: obj({ next: { $ref: '#/$defs/Node' } }) } };
  const { problems } = sampleArguments(recursive);
  assert.equal(problems.length, 1);
  assert.match(problems[0] ?? '', new RegExp(`more than ${MAX_REF_DEPTH} \\$refs deep`));
  assert.match(sampleArguments(obj({ p: { $ref: 'https://x/y.json' } })).problems[0] ?? '', /^p: \$ref "https:\/\/x\/y.json" is not one mcp-bench follows/);
  assert.match(sampleArguments(obj({ p: { $ref: '#/$defs/Missing' } })).problems[0] ?? '', /names no definition/);
});

test('a schema that is not an object is reported', () => {
  assert.match(sampleArguments({ type: 'string' }).problems[0] ?? '', /^\(root\): an argument object is expected/);
});
