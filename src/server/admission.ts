import type { ServerResponse } from 'node:http';
import type { Random } from '../random/seeded.js';
import type { MessageCounter } from './counter.js';
import { sendJson } from './http-body.js';
import { retryAfterSeconds, TokenBucket } from './token-bucket.js';

/** JSON-RPC code of the 429 and 503 refusal bodies (the implementation-defined server-error range). */
export const REFUSED_ERROR_CODE = -32000;

export interface AdmissionOptions {
  /** tools/call POSTs per second admitted (token bucket, burst one second's worth, at least 1); null: no limit. */
  readonly rateLimitPerSec?: number | null;
  /** Fraction (0..1) of POSTs carrying a request other than `initialize` answered 503. */
  readonly unavailableRate?: number;
}

export type Admission =
  | { readonly admitted: true }
  | {
      readonly admitted: false;
      readonly status: 429 | 503;
      /** The `Retry-After` header: whole seconds, at least 1. */
      readonly retryAfterSeconds: number;
      /** The precise wait, for clients that may retry sooner than `Retry-After`. */
      readonly retryAfterMs: number;
      readonly message: string;
    };

interface Message {
  readonly method?: unknown;
  readonly id?: unknown;
}

function messagesOf(body: unknown): readonly Message[] {
  const list = Array.isArray(body) ? (body as unknown[]) : [body];
  return list.filter((item): item is Message => typeof item === 'object' && item !== null);
}

/** JSON-RPC requests (method and id) in a POSTed body, a single message or a batch. */
function requestsIn(body: unknown): readonly Message[] {
  return messagesOf(body).filter((message) => typeof message.method === 'string' && 'id' in message);
}

/**
 * The HTTP front door's fault knobs, applied to a POST's parsed body before any MCP session sees it:
 *
 * 1. `unavailableRate`: a POST carrying at least one JSON-RPC request other than `initialize` draws from the
 *    server's seeded random source (no draw at rate 0 or 1) and, when it loses, is answered 503 with
 *    `Retry-After: 1`. Notifications, responses and `initialize` always pass, so sessions can still be set up.
 * 2. `rateLimitPerSec`: a POST carrying at least one `tools/call` request takes one token from a server-wide bucket;
 *    when it is empty the POST is answered 429 with `Retry-After` (see `retryAfterSeconds`).
 *
 * So the draw comes first and a 503 never spends a token. Both are counted by the caller (see `sendRefusal`).
 */
export class AdmissionGate {
  private readonly rateLimitPerSec: number | null;
  private readonly bucket: TokenBucket | null;
  private readonly unavailableRate: number;

  constructor(
    options: AdmissionOptions,
    private readonly random: Random,
    nowUs: () => number,
  ) {
    this.rateLimitPerSec = options.rateLimitPerSec ?? null;
    this.bucket = this.rateLimitPerSec === null ? null : new TokenBucket(this.rateLimitPerSec, nowUs);
    this.unavailableRate = options.unavailableRate ?? 0;
  }

  /** Decides one POST from its parsed body. */
  admit(body: unknown): Admission {
    const requests = requestsIn(body);
    if (requests.some((message) => message.method !== 'initialize') && this.drawsUnavailable()) {
      const message = `Service unavailable (injected: unavailableRate ${this.unavailableRate}); retry after 1s`;
      return { admitted: false, status: 503, retryAfterSeconds: 1, retryAfterMs: 1000, message };
    }
    if (this.bucket && requests.some((message) => message.method === 'tools/call')) {
      const take = this.bucket.take();
      if (!take.taken) {
        const seconds = retryAfterSeconds(take.waitUs);
        const message =
          `Rate limit exceeded: ${this.rateLimitPerSec} tools/call per second; ` +
          `retry after ${seconds}s (or sooner: the limit refills continuously, see data.retryAfterMs)`;
        return { admitted: false, status: 429, retryAfterSeconds: seconds, retryAfterMs: take.waitUs / 1000, message };
      }
    }
    return { admitted: true };
  }

  private drawsUnavailable(): boolean {
    if (this.unavailableRate <= 0) return false;
    if (this.unavailableRate >= 1) return true;
    return this.random() < this.unavailableRate;
  }
}

/** The id to answer with: the request's own when the body is one request, else null (JSON-RPC's "unknown"). */
function replyId(body: unknown): unknown {
  if (Array.isArray(body)) return null;
  const [request] = requestsIn(body);
  const id = request?.id;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

/**
 * Answers a refused POST: the status, `Retry-After`, and a JSON-RPC error body whose `data` carries the status and
 * the precise wait (`retryAfterMs`). Counts it under `http.rateLimited` or `http.unavailable`.
 */
export function sendRefusal(
  response: ServerResponse,
  refusal: Extract<Admission, { admitted: false }>,
  body: unknown,
  counter: MessageCounter,
): void {
  counter.recordHttp(refusal.status === 429 ? 'rateLimited' : 'unavailable');
  response.setHeader('retry-after', String(refusal.retryAfterSeconds));
  const data = { status: refusal.status, retryAfterMs: refusal.retryAfterMs };
  sendJson(response, refusal.status, {
    jsonrpc: '2.0',
    error: { code: REFUSED_ERROR_CODE, message: refusal.message, data },
    id: replyId(body),
  });
}
