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

/** The server's answer could not be read as JSON-RPC (garbage, wrong content type, stream ended early). */
export class BadResponseError extends Error {
  override readonly name = 'BadResponseError';
  readonly code = 'bad-response';
}
