import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEDUP_WINDOW_MAX_ENTRIES, DedupLayer } from '../../../../src/client/layers/dedup.js';
import { OK, TIMEOUT, TOOL_ERROR, type Outcome } from '../../../../src/client/outcome.js';
import type { DedupPolicy } from '../../../../src/client/layers/dedup.js';
import type { McpRequest } from '../../../../src/client/request.js';
import { FakeClock } from '../../../../src/time/fake-clock.js';
import { echo, options, ScriptedCaller, type Step } from './helpers.js';

function setup(policy: DedupPolicy, script: (n: number, request: McpRequest) => Step, readOnlyTools: ReadonlySet<string> = new Set(['echo'])) {
  const clock = new FakeClock();
  const inner = new ScriptedCaller(clock, script);
  return { clock, inner, layer: new DedupLayer(policy, inner, { clock, readOnlyTools }) };
}

describe('DedupLayer in flight', () => {
  it('N concurrent identical calls make one inner call, N-1 join, and all get the same outcome', async () => {
    const answer: Outcome = { kind: 'ok', result: { text: 'hi' } };
    const { clock, inner, layer } = setup({ inFlight: true, windowUs: 0, tools: [] }, () => ({ outcome: answer, us: 5_000 }));
    const calls = Array.from({ length: 8 }, () => options());
    const outcomes = await clock.run(Promise.all(calls.map((o) => layer.call({ method: 'tools/call', tool: 'echo', args: { text: 'hi' } }, o))));
    assert.equal(inner.calls, 1);
    for (const outcome of outcomes) assert.equal(outcome, answer);
    assert.deepEqual(
      calls.map((o) => o.trace.dedup),
      ['leader', 'joined', 'joined', 'joined', 'joined', 'joined', 'joined', 'joined'],
    );
    assert.deepEqual(layer.stats(), { joins: 7, repeats: 0, leaders: 1 });
  });

  it('different requests are not coalesced, and a finished call is not joined', async () => {
    const { clock, inner, layer } = setup({ inFlight: true, windowUs: 0, tools: [] }, () => ({ outcome: OK, us: 1_000 }));
    const alone = options();
    await clock.run(Promise.all([layer.call(echo('a'), alone), layer.call(echo('b'), options())]));
    await clock.run(layer.call(echo('a'), options()));
    assert.equal(inner.calls, 3);
    assert.equal(alone.trace.dedup, 'none');
    assert.deepEqual(layer.stats(), { joins: 0, repeats: 0, leaders: 0 });
  });

  it('failures are shared by joiners too', async () => {
    const { clock, inner, layer } = setup({ inFlight: true, windowUs: 0, tools: [] }, () => ({ outcome: TIMEOUT, us: 1_000 }));
    const outcomes = await clock.run(Promise.all([layer.call(echo('a'), options()), layer.call(echo('a'), options())]));
    assert.deepEqual(outcomes, [TIMEOUT, TIMEOUT]);
    assert.equal(inner.calls, 1);
  });

  it('with both off, every call goes through', async () => {
    const { clock, inner, layer } = setup({ inFlight: false, windowUs: 0, tools: [] }, () => ({ outcome: OK, us: 1_000 }));
    await clock.run(Promise.all([layer.call(echo('a'), options()), layer.call(echo('a'), options())]));
    assert.equal(inner.calls, 2);
  });
});

describe('DedupLayer window', () => {
  it('answers identical calls within windowUs after completion, and not at windowUs', async () => {
    const { clock, inner, layer } = setup({ inFlight: false, windowUs: 10_000, tools: [] }, (n) => ({ outcome: n === 0 ? TOOL_ERROR : OK, us: 1_000 }));
    assert.equal(await clock.run(layer.call(echo('a'), options())), TOOL_ERROR); // completes at 1 000
    await clock.advanceUs(9_999);
    const repeat = options();
    assert.equal(await clock.run(layer.call(echo('a'), repeat)), TOOL_ERROR);
    assert.equal(repeat.trace.dedup, 'repeat');
    assert.equal(repeat.trace.attempts, 0);
    await clock.advanceUs(1); // 11 000: the window has closed
    assert.equal(await clock.run(layer.call(echo('a'), options())), OK);
    assert.equal(inner.calls, 2);
    assert.deepEqual(layer.stats(), { joins: 0, repeats: 1, leaders: 0 });
  });

  it('only remembers outcomes that reached the server', async () => {
    const script: Outcome[] = [TIMEOUT, { kind: 'transport', code: 'closed' }, { kind: 'rejected', reason: 'queue-full' }, { kind: 'rpc-error', code: -32602 }];
    const { clock, inner, layer } = setup({ inFlight: true, windowUs: 1_000_000, tools: [] }, (n) => ({ outcome: script[n] ?? OK }));
    for (const expected of script) assert.equal(await clock.run(layer.call(echo('a'), options())), expected);
    assert.deepEqual(await clock.run(layer.call(echo('a'), options())), { kind: 'rpc-error', code: -32602 });
    assert.equal(inner.calls, 4);
    assert.equal(layer.stats()['repeats'], 1);
  });

  it('in flight and window together: joins while running, repeats afterwards', async () => {
    const { clock, inner, layer } = setup({ inFlight: true, windowUs: 5_000, tools: [] }, () => ({ outcome: OK, us: 1_000 }));
    await clock.run(Promise.all([layer.call(echo('a'), options()), layer.call(echo('a'), options())]));
    await clock.run(layer.call(echo('a'), options()));
    assert.equal(inner.calls, 1);
    assert.deepEqual(layer.stats(), { joins: 1, repeats: 1, leaders: 1 });
  });

  it('keeps the window store bounded, forgetting the least recently used first', async () => {
    const { inner, layer } = setup({ inFlight: false, windowUs: 1_000_000, tools: [] }, () => ({ outcome: OK }));
    for (let i = 0; i <= DEDUP_WINDOW_MAX_ENTRIES; i++) await layer.call(echo(`m${i}`), options());
    assert.equal(inner.calls, DEDUP_WINDOW_MAX_ENTRIES + 1);
    await layer.call(echo('m1'), options()); // still remembered
    await layer.call(echo('m0'), options()); // forgotten: the 10 001st entry pushed it out
    assert.equal(inner.calls, DEDUP_WINDOW_MAX_ENTRIES + 2);
    assert.equal(layer.stats()['repeats'], 1);
  });
});

describe('DedupLayer deduplicates read-only operations only (issue 11)', () => {
  const write = (n: number): McpRequest => ({ method: 'tools/call', tool: 'charge', args: { n } });

  it('two identical calls to a tool the server does not annotate read-only are both sent, in flight and in the window', async () => {
    const { clock, inner, layer } = setup({ inFlight: true, windowUs: 1_000_000, tools: [] }, () => ({ outcome: OK, us: 1_000 }));
    const calls = [options(), options()];
    await clock.run(Promise.all(calls.map((o) => layer.call(write(1), o))));
    await clock.run(layer.call(write(1), options()));
    assert.equal(inner.calls, 3, 'three writes, three calls');
    assert.deepEqual(calls.map((o) => o.trace.dedup), ['none', 'none']);
    assert.deepEqual(layer.stats(), { joins: 0, repeats: 0, leaders: 0 });
  });

  it('a tool the scenario opts in (dedup.tools) is deduplicated though not annotated', async () => {
    const { clock, inner, layer } = setup({ inFlight: true, windowUs: 0, tools: ['charge'] }, () => ({ outcome: OK, us: 1_000 }));
    await clock.run(Promise.all([layer.call(write(1), options()), layer.call(write(1), options())]));
    assert.equal(inner.calls, 1);
  });

  it('resources/read, prompts/get and list methods are read-only: coalesced', async () => {
    const { clock, inner, layer } = setup({ inFlight: true, windowUs: 0, tools: [] }, () => ({ outcome: OK, us: 1_000 }), new Set());
    const requests: McpRequest[] = [
      { method: 'resources/read', uri: 'mcp-bench://static/small' },
      { method: 'prompts/get', prompt: 'greeting', args: {} },
      { method: 'tools/list' },
    ];
    for (const request of requests) await clock.run(Promise.all([layer.call(request, options()), layer.call(request, options())]));
    assert.equal(inner.calls, 3);
  });
});
