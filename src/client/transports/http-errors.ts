/** An HTTP answer that is not a JSON-RPC answer: the status is the code an outcome is classified by. */
export class HttpStatusError extends Error {
  override readonly name = 'HttpStatusError';
  constructor(
    readonly status: number,
    /** Seconds from a Retry-After header, when the server sent one. */
    readonly retryAfterSeconds: number | null,
    detail: string,
  ) {
    super(`HTTP ${status}${detail ? `: ${detail}` : ''}`);
  }
}

/**
 * `bad-response`: the server's answer could not be read as JSON-RPC (garbage, wrong content type, a response with
 * neither result nor error, an answer whose id matches no request, no answer at all to a request). `stream-ended`:
 * the server closed an event stream cleanly before the response was in it — a lost connection, not garbage.
 * `stream-lost`: such a stream was resumed (Last-Event-ID, stream-resumption.ts) and kept ending without progress.
 * `response-too-large`: the answer was larger than the maximum answer size, and was not read (bad-output.ts).
 */
export type BadResponseCode = 'bad-response' | 'stream-ended' | 'stream-lost' | 'response-too-large';

/** The server's answer is unusable; `code` says how (see BadResponseCode). */
export class BadResponseError extends Error {
  override readonly name = 'BadResponseError';
  constructor(
    message: string,
    readonly code: BadResponseCode = 'bad-response',
    /** True when the unusable message is the request's own answer (it carries the request's id). */
    readonly ownAnswer = false,
  ) {
    super(message);
  }
}

/** A POST that is not a request's (a notification, a DELETE) got no answer within its wall-clock deadline. */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
  readonly code = 'ETIMEDOUT';
}

/** The connection ended under an exchange that had no complete answer: classified like a reset socket. */
export function connectionReset(message: string): Error {
  return Object.assign(new Error(message), { code: 'ECONNRESET' });
}
