import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_RETRY_MS, MAX_IDLE_RESUMPTIONS, MAX_RETRY_MS, ResumeCursor } from '../../../src/client/transports/stream-resumption.js';

describe('ResumeCursor: what to do when an event stream ends before its response', () => {
  it('a stream that never sent an event id cannot be resumed', () => {
    const cursor = new ResumeCursor();
    assert.deepEqual(cursor.ended({ lastEventId: null, retryMs: 500 }), { kind: 'not-resumable' });
    assert.deepEqual(cursor.ended({ lastEventId: '', retryMs: null }), { kind: 'not-resumable' }, 'an empty id is no id');
    assert.equal(cursor.resumptions, 0);
  });

  it("resumes from the last event id after the server's retry delay, else the default, capped", () => {
    assert.deepEqual(new ResumeCursor().ended({ lastEventId: '7', retryMs: 250 }), { kind: 'resume', lastEventId: '7', delayMs: 250 });
    assert.deepEqual(new ResumeCursor().ended({ lastEventId: '7', retryMs: null }), { kind: 'resume', lastEventId: '7', delayMs: DEFAULT_RETRY_MS });
    assert.deepEqual(new ResumeCursor().ended({ lastEventId: '7', retryMs: 10_000_000 }), { kind: 'resume', lastEventId: '7', delayMs: MAX_RETRY_MS });
  });

  it('keeps the id and retry of earlier streams when a resumed stream carries none', () => {
    const cursor = new ResumeCursor();
    cursor.ended({ lastEventId: 'a', retryMs: 40 });
    assert.deepEqual(cursor.ended({ lastEventId: null, retryMs: null }), { kind: 'resume', lastEventId: 'a', delayMs: 40 });
    assert.equal(cursor.resumptions, 2);
  });

  it(`is lost after ${MAX_IDLE_RESUMPTIONS} resumed streams in a row without a new event id`, () => {
    const cursor = new ResumeCursor();
    const steps = Array.from({ length: MAX_IDLE_RESUMPTIONS + 1 }, () => cursor.ended({ lastEventId: '1', retryMs: 0 }).kind);
    assert.deepEqual(steps, [...Array(MAX_IDLE_RESUMPTIONS).fill('resume'), 'lost']);
    assert.deepEqual(cursor.ended({ lastEventId: '1', retryMs: 0 }), { kind: 'lost', attempts: MAX_IDLE_RESUMPTIONS });
    assert.equal(cursor.resumptions, MAX_IDLE_RESUMPTIONS);
  });

  it('a new event id is progress: the count of idle resumptions starts again', () => {
    const cursor = new ResumeCursor(2);
    assert.equal(cursor.ended({ lastEventId: '1', retryMs: 0 }).kind, 'resume');
    assert.equal(cursor.ended({ lastEventId: '1', retryMs: 0 }).kind, 'resume');
    assert.deepEqual(cursor.ended({ lastEventId: '2', retryMs: 0 }), { kind: 'resume', lastEventId: '2', delayMs: 0 });
    assert.equal(cursor.ended({ lastEventId: '2', retryMs: 0 }).kind, 'resume');
    assert.equal(cursor.ended({ lastEventId: '2', retryMs: 0 }).kind, 'lost');
  });
});
