/**
 * When an SSE stream of Streamable HTTP ends early, whether and how to resume it (SEP-1699, spec 2025-11-25): a
 * server may close a POST's event stream before the response (or its standalone GET stream at any time) after sending
 * an event id and a `retry:` delay; the client then GETs the endpoint with `Last-Event-ID` after that delay, and the
 * server replays what the client missed on the new stream.
 *
 * Pure bookkeeping, no I/O and no timers: the transport tells the cursor what each stream carried and asks it what to
 * do when one ends. Resumption is bounded: after MAX_IDLE_RESUMPTIONS resumed streams in a row that brought no new
 * event id, the stream is lost (transport:stream-lost) instead of polled for ever; a stream that never sent an id
 * cannot be resumed at all (transport:stream-ended, as before).
 */

/** Resumed streams in a row that may end without a new event id before the stream counts as lost. */
export const MAX_IDLE_RESUMPTIONS = 3;
/** The reconnection delay when the server sent no `retry:` field. */
export const DEFAULT_RETRY_MS = 1_000;
/** The longest reconnection delay honoured: a larger `retry:` is cut to this (the call's timeout bounds it anyway). */
export const MAX_RETRY_MS = 30_000;

/** What to do now that a stream has ended. */
export type ResumeStep =
  | { readonly kind: 'resume'; readonly lastEventId: string; readonly delayMs: number }
  /** The stream never sent an event id: there is nothing to resume from. */
  | { readonly kind: 'not-resumable' }
  /** Resumed MAX_IDLE_RESUMPTIONS times in a row without a new event: give up. */
  | { readonly kind: 'lost'; readonly attempts: number };

/** What one stream carried: its last `id:` and `retry:` fields (SseParser.lastEventId / retryMs), null when none. */
export interface StreamFields {
  readonly lastEventId: string | null;
  readonly retryMs: number | null;
}

/** The resumption state of one logical stream (a request's answer, or the standalone GET stream) over its reconnections. */
export class ResumeCursor {
  private lastEventId: string | null = null;
  private retryMs: number | null = null;
  /** Streams in a row, since the last new event id, that were resumed. */
  private idle = 0;
  /** Resumptions so far (every `resume` step). */
  resumptions = 0;

  constructor(private readonly maxIdle = MAX_IDLE_RESUMPTIONS) {}

  /** A stream of this cursor ended, having carried `fields`: what now. */
  ended(fields: StreamFields): ResumeStep {
    if (fields.retryMs !== null) this.retryMs = fields.retryMs;
    if (fields.lastEventId !== null && fields.lastEventId !== '' && fields.lastEventId !== this.lastEventId) {
      this.lastEventId = fields.lastEventId;
      this.idle = 0;
    }
    if (this.lastEventId === null) return { kind: 'not-resumable' };
    if (this.idle >= this.maxIdle) return { kind: 'lost', attempts: this.idle };
    this.idle++;
    this.resumptions++;
    return { kind: 'resume', lastEventId: this.lastEventId, delayMs: Math.min(this.retryMs ?? DEFAULT_RETRY_MS, MAX_RETRY_MS) };
  }
}

/** `resumed`: a request's event stream was resumed with Last-Event-ID; `reopened`: the standalone GET stream was. */
export type StreamEventKind = 'resumed' | 'reopened';
/** Told of every resumption (counted per workload: metrics/stream-resumptions.ts). */
export type StreamEventListener = (kind: StreamEventKind) => void;
