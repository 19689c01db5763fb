import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CallTrace } from '../../../src/client/trace.js';
import { createHistogram, encodeHistogram } from '../../../src/stats/histogram.js';
import { PayloadBytesRecord } from '../../../src/metrics/payload-bytes.js';
import { WorkloadRecorder } from '../../../src/metrics/recorder.js';
import { payloadLine, payloadLines } from '../../../src/report/bytes-text.js';
import { mergeOperation, sumOfRates } from '../../../src/shards/merge-operation.js';
import { mergePayloadBytes, summarizePayloadBytes } from '../../../src/summary/payload-bytes.js';
import type { OperationSummary, WorkloadSummary } from '../../../src/summary/summary.js';

const OK = { kind: 'ok', result: {} } as const;

/** One call through `trace`: a request of `request` bytes (gzipped to `requestWire`) and an answer `wire`/`decoded`. */
function call(trace: CallTrace, bytes: { request: number; requestWire?: number; wire: number; decoded: number; asked?: boolean }): void {
  trace.reset();
  trace.bytes.request(bytes.requestWire ?? bytes.request, bytes.request, bytes.asked ?? false);
  trace.bytes.answer(trace.bytes.serial, bytes.wire, bytes.decoded);
}

describe('CallBytes', () => {
  it('every attempt adds; an answer for a call that has ended adds nothing to the next', () => {
    const trace = new CallTrace();
    call(trace, { request: 100, wire: 40, decoded: 1000, asked: true });
    trace.bytes.request(100, 100, false); // a retry
    assert.deepEqual([trace.bytes.requestWire, trace.bytes.answerWire, trace.bytes.answerDecoded, trace.bytes.compressionAsked], [200, 40, 1000, true]);
    const serialOfFirst = trace.bytes.serial;
    trace.reset();
    trace.bytes.answer(serialOfFirst, 99, 99); // the first call's late answer
    assert.equal(trace.bytes.counted, false);
    assert.deepEqual([trace.bytes.answerWire, trace.bytes.answerDecoded], [0, 0]);
  });
});

describe('bytes per operation', () => {
  it('the recorder sums each measured call, counts the calls that asked for compression, and skips calls that sent nothing', () => {
    const recorder = new WorkloadRecorder(['tools/call payload', 'ping']);
    const trace = new CallTrace();
    call(trace, { request: 100, wire: 200, decoded: 65_600, asked: true });
    recorder.record(0, 1000, OK, trace);
    call(trace, { request: 1500, requestWire: 300, wire: 210, decoded: 65_601, asked: true });
    recorder.record(0, 1000, OK, trace);
    trace.reset(); // answered from a cache: nothing sent
    recorder.record(0, 10, OK, trace);
    recorder.record(1, 10, OK, new CallTrace());
    const record = recorder.operations[0]!.bytes!;
    assert.deepEqual(summarizePayloadBytes(record), {
      calls: 2,
      compressionAsked: 2,
      requests: { wireBytes: 400, decodedBytes: 1600 },
      answers: { wireBytes: 410, decodedBytes: 131_201 },
    });
    assert.equal(recorder.operations[1]!.bytes, null, 'ping sent nothing counted');
  });

  it("a journey's row counts no bytes (its steps' rows do)", () => {
    const recorder = new WorkloadRecorder(['signup', 'signup › put'], null, { journeys: [true, false] });
    const trace = new CallTrace();
    call(trace, { request: 50, wire: 60, decoded: 60 });
    recorder.recordStep(1, 100, 100, OK, trace, true);
    recorder.record(0, 100, OK, trace);
    assert.equal(recorder.operations[0]!.bytes, null);
    assert.equal(recorder.operations[1]!.bytes?.calls, 1);
  });

  it('rounds merge by addition: the same as one recorder fed every call', () => {
    const calls = [
      { request: 10, wire: 20, decoded: 30, asked: true },
      { request: 11, wire: 21, decoded: 31 },
      { request: 12, requestWire: 5, wire: 22, decoded: 32, asked: true },
    ];
    const one = new WorkloadRecorder(['op']);
    const rounds = [new WorkloadRecorder(['op']), new WorkloadRecorder(['op'])];
    const trace = new CallTrace();
    calls.forEach((c, i) => {
      call(trace, c);
      one.record(0, 100, OK, trace);
      rounds[i % 2]!.record(0, 100, OK, trace);
    });
    rounds[0]!.mergeFrom(rounds[1]!);
    assert.deepEqual(rounds[0]!.operations[0]!.bytes, one.operations[0]!.bytes);
    assert.deepEqual(summarizePayloadBytes(one.operations[0]!.bytes!).requests, { wireBytes: 26, decodedBytes: 33 });
  });

  it('shards merge by addition; a shard without bytes (an older report) adds nothing', () => {
    const part = (bytes?: OperationSummary['bytes']): OperationSummary => ({
      name: 'op',
      count: 2,
      ok: 2,
      errors: {},
      errorRate: 0,
      throughputPerSec: 1,
      latencyUs: { p50: 1, p90: 1, p95: 1, p99: 1, p999: 1, min: 1, max: 1, mean: 1, stdev: 0 },
      histogram: encodeHistogram(createHistogram()),
      warmupCalls: 0,
      ...(bytes && { bytes }),
    });
    const a = { calls: 2, compressionAsked: 2, requests: { wireBytes: 1, decodedBytes: 2 }, answers: { wireBytes: 3, decodedBytes: 4 } };
    const b = { calls: 5, compressionAsked: 0, requests: { wireBytes: 10, decodedBytes: 20 }, answers: { wireBytes: 30, decodedBytes: 40 } };
    const merged = mergeOperation([part(a), part(b), part()], sumOfRates, () => undefined);
    assert.deepEqual(merged.bytes, { calls: 7, compressionAsked: 2, requests: { wireBytes: 11, decodedBytes: 22 }, answers: { wireBytes: 33, decodedBytes: 44 } });
    assert.equal(mergeOperation([part(), part()], sumOfRates, () => undefined).bytes, undefined);
    assert.equal(mergePayloadBytes([]), null);
  });
});

describe('the bytes line', () => {
  const bytes = (asked: number, request: [number, number], answer: [number, number]) => ({
    calls: 100,
    compressionAsked: asked,
    requests: { wireBytes: request[0], decodedBytes: request[1] },
    answers: { wireBytes: answer[0], decodedBytes: answer[1] },
  });

  it('says what compression saved, answers first', () => {
    assert.equal(
      payloadLine('tools/call payload', bytes(100, [4500, 4500], [31_744, 104_857_600])),
      'bytes · tools/call payload (100 calls): answers 100 MiB decoded, 31 KiB on the wire (99.97% saved); requests 4.4 KiB',
    );
    assert.equal(
      payloadLine('tools/call echo', bytes(100, [1024, 4096], [5500, 5000])),
      'bytes · tools/call echo (100 calls): answers 4.9 KiB decoded, 5.4 KiB on the wire (10.0% larger); requests 4 KiB before compression, 1 KiB on the wire (75.0% saved)',
    );
  });

  it('only for operations that asked for compression or whose bytes differ', () => {
    const op = (name: string, b?: ReturnType<typeof bytes>) => ({ name, ...(b && { bytes: b }) });
    const workload = {
      operations: [op('plain', bytes(0, [10, 10], [20, 20])), op('asked', bytes(3, [10, 10], [20, 20])), op('none'), op('differs', bytes(0, [10, 10], [5, 20]))],
    } as unknown as WorkloadSummary;
    assert.deepEqual(payloadLines(workload).map((line) => line.split(' (')[0]), ['bytes · asked', 'bytes · differs']);
  });

  it('a record merged from nothing stays empty', () => {
    const record = new PayloadBytesRecord();
    record.mergeFrom(new PayloadBytesRecord());
    assert.equal(record.calls, 0);
  });
});
