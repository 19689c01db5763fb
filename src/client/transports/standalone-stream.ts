import type http from 'node:http';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { BadOutputKind, BadOutputListener } from './bad-output.js';
import { AnswerReader, bodyCoding } from './http-answer.js';
import { deliverJsonText, mediaType, type JsonTextSink } from './http-body.js';
import { SseParser } from './sse-parser.js';
import { DEFAULT_RETRY_MS, MAX_IDLE_RESUMPTIONS, MAX_RETRY_MS, ResumeCursor } from './stream-resumption.js';

/** What the standalone stream needs from the transport that opened it. */
export interface StandaloneStreamOwner {
  /** A GET of the endpoint accepting `text/event-stream`, with the session's headers and Last-Event-ID when given. */
  getRequest(lastEventId: string | null): http.ClientRequest;
  /** Hands a message read from the stream to the SDK. */
  readonly deliver: (message: JSONRPCMessage) => void;
  readonly maxAnswerChars: number;
  readonly onBadOutput: BadOutputListener | undefined;
  /** Told each time a dropped stream is opened again. */
  readonly onReopened: (() => void) | undefined;
}

/**
 * The standalone GET stream of a Streamable HTTP session: the one way a server sends requests and notifications
 * that belong to no call of ours (list_changed, logging outside a call, a sampling request of its own). Opened once
 * the session is initialized; a server that answers anything but an event stream (405: it offers none) is left
 * alone, silently. A stream the server drops is opened again after its `retry:` delay, from its last event id when it
 * sent one (the server replays what was missed), at most MAX_IDLE_RESUMPTIONS times in a row without a new event.
 * close() ends it and its timer; it holds a connection of its own (never one of the pool's).
 */
export class StandaloneStream implements JsonTextSink {
  /** True while the server is streaming to us. */
  streaming = false;
  private req: http.ClientRequest | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly cursor = new ResumeCursor();
  /** Re-opened without an event id (the stream never sent one) since the last event. */
  private plainReopens = 0;
  private closed = false;

  constructor(private readonly owner: StandaloneStreamOwner) {}

  open(lastEventId: string | null = null): void {
    this.timer = null;
    if (this.closed) return;
    let req: http.ClientRequest;
    try {
      req = this.owner.getRequest(lastEventId);
    } catch {
      return; // a header node:http refuses: the POSTs fail with it, loudly
    }
    this.req = req;
    let reading = false;
    req.on('response', (res) => {
      const coding = bodyCoding(res);
      if (res.statusCode !== 200 || mediaType(res) !== 'text/event-stream' || typeof coding === 'object') return void res.resume();
      this.streaming = true;
      reading = true;
      const events = new SseParser<StandaloneStream>(onEvent, this, this.owner.maxAnswerChars, onOversized);
      // Compressed when the session asks for compressed answers (http-answer.ts decodes it, flushed event by event).
      const reader = new AnswerReader({
        answerText: (chunk) => events.push(chunk),
        answerEnd: () => events.end(),
        answerUndecodable: (error) => {
          this.badOutput('undecodable', error.message);
          res.destroy();
        },
        answerClosed: () => this.ended(req, events), // after the decoder has had the last bytes too
      });
      reader.attach(res);
      reader.read(coding);
    });
    req.on('error', () => undefined); // a refused or reset stream ends in 'close' below
    req.on('close', () => {
      if (!reading) this.ended(req, null);
    });
    req.end();
  }

  /** The stream `req` is over: dropped (open it again) when it was streaming and is still ours. */
  private ended(req: http.ClientRequest, parser: SseParser<StandaloneStream> | null): void {
    if (this.req !== req) return;
    this.req = null;
    this.streaming = false;
    if (parser !== null) this.dropped(parser);
  }

  close(): void {
    this.closed = true;
    this.streaming = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.req?.destroy();
    this.req = null;
  }

  /** @internal JsonTextSink */ deliver(message: JSONRPCMessage): void {
    this.owner.deliver(message);
  }

  /** @internal JsonTextSink */ badOutput(kind: BadOutputKind, text: string): void {
    this.owner.onBadOutput?.(kind, text);
  }

  /** @internal one event of the stream; what is not JSON-RPC is counted (badOutput) and skipped. */
  event(event: string, data: string): void {
    if (event !== 'message') return;
    this.plainReopens = 0;
    try {
      deliverJsonText(data, undefined, this);
    } catch {
      // counted as bad output already; the stream goes on
    }
  }

  /** The stream ended or broke while open: open it again after the server's delay, within the bounds. */
  private dropped(parser: SseParser<StandaloneStream>): void {
    if (this.closed) return;
    const step = this.cursor.ended(parser);
    if (step.kind === 'lost') return;
    if (step.kind === 'not-resumable' && this.plainReopens++ >= MAX_IDLE_RESUMPTIONS) return;
    const lastEventId = step.kind === 'resume' ? step.lastEventId : null;
    const delayMs = step.kind === 'resume' ? step.delayMs : Math.min(parser.retryMs ?? DEFAULT_RETRY_MS, MAX_RETRY_MS);
    this.owner.onReopened?.();
    this.timer = setTimeout(() => this.open(lastEventId), delayMs);
  }
}

function onEvent(event: string, data: string, stream: StandaloneStream): void {
  stream.event(event, data);
}

function onOversized(head: string, _tail: string, stream: StandaloneStream): void {
  stream.badOutput('too-large', head);
}
