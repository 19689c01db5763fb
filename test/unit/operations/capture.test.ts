import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { captureInto, compilePath, readPath, type ResultPath } from '../../../src/operations/capture.js';

function path(text: string): ResultPath {
  const compiled = compilePath(text);
  assert.ok(compiled.ok, JSON.stringify(compiled));
  return compiled.path;
}

const TOOL_RESULT = {
  content: [{ type: 'text', text: '{"key":"item-7","version":2,"tags":["a","b"]}' }],
  structuredContent: { key: 'item-7', version: 2, 'odd key': true, nothing: null },
  isError: false,
};
const RESOURCE_RESULT = { contents: [{ uri: 'bench://static/small', text: 'plain words' }] };

describe('compilePath', () => {
  it('compiles keys, indexes and quoted keys', () => {
    assert.deepEqual(path('structuredContent.key').segments, ['structuredContent', 'key']);
    assert.deepEqual(path('content[0].text.tags[1]').segments, ['content', 0, 'text', 'tags', 1]);
    assert.deepEqual(path('structuredContent["odd key"]').segments, ['structuredContent', 'odd key']);
    assert.equal(path('  isError ').text, 'isError');
  });

  it('refuses bad paths with a hint', () => {
    const cases: [string, RegExp][] = [
      ['', /write the path/],
      ['structuredContent.', /is not a key/],
      ['content[x]', /an index is a whole number/],
      ['content[0]text', /expected "\." or "\["/],
      ['structuredContnet.key', /did you mean "structuredContent"/],
      ['result.key', /a path starts at a key of the result/],
      ['[0]', /a path starts at a key/],
    ];
    for (const [text, hint] of cases) {
      const compiled = compilePath(text);
      assert.equal(compiled.ok, false, text);
      assert.match(compiled.ok ? '' : compiled.hint ?? '', hint, text);
    }
  });
});

describe('readPath', () => {
  it('reads structured content, and JSON text when there is more path after it', () => {
    assert.equal(readPath(TOOL_RESULT, path('structuredContent.key')), 'item-7');
    assert.equal(readPath(TOOL_RESULT, path('content[0].text.key')), 'item-7');
    assert.equal(readPath(TOOL_RESULT, path('content[0].text.tags[1]')), 'b');
    assert.equal(readPath(TOOL_RESULT, path('content[0].text')), TOOL_RESULT.content[0]!.text, 'the text itself is not parsed');
    assert.equal(readPath(TOOL_RESULT, path('isError')), false);
    assert.equal(readPath(TOOL_RESULT, path('structuredContent["odd key"]')), true);
    assert.equal(readPath(RESOURCE_RESULT, path('contents[0].text')), 'plain words');
  });

  it('finds nothing where the path leads nowhere', () => {
    assert.equal(readPath(TOOL_RESULT, path('structuredContent.missing')), undefined);
    assert.equal(readPath(TOOL_RESULT, path('content[3].text')), undefined);
    assert.equal(readPath(TOOL_RESULT, path('structuredContent[0]')), undefined, 'an index into an object');
    assert.equal(readPath(TOOL_RESULT, path('content.text')), undefined, 'a key into an array');
    assert.equal(readPath(RESOURCE_RESULT, path('contents[0].text.id')), undefined, 'text that is not JSON');
    assert.equal(readPath(TOOL_RESULT, path('structuredContent.key.length')), undefined, 'no properties of strings');
    assert.equal(readPath({ content: [{ text: '{"a":' }] }, path('content[0].text.a')), undefined, 'broken JSON');
    assert.equal(readPath(TOOL_RESULT, path('structuredContent.constructor')), undefined, 'only own keys');
  });
});

describe('captureInto', () => {
  const plan = { names: ['key', 'version'], paths: [path('structuredContent.key'), path('content[0].text.version')] };

  it('fills vars from the result', () => {
    const vars: Record<string, unknown> = {};
    assert.equal(captureInto(plan, TOOL_RESULT, vars), null);
    assert.deepEqual(vars, { key: 'item-7', version: 2 });
  });

  it('names the first capture that found nothing (absent or null)', () => {
    assert.equal(captureInto(plan, { structuredContent: { key: 'k' } }, {}), 'version');
    assert.equal(captureInto({ names: ['n'], paths: [path('structuredContent.nothing')] }, TOOL_RESULT, {}), 'n');
    assert.equal(captureInto(plan, undefined, {}), 'key');
  });
});
