import { sampleOf, type BadOutputKind, type BadOutputListener } from './transports/bad-output.js';

/** Lines that are not JSON-RPC before `initialize` is answered after which a server counts as not speaking MCP. */
export const GARBAGE_LINES_BEFORE_GIVING_UP = 100;

/**
 * Watches a session's bad output while it is being opened, and passes everything on to `forward` (the workload's
 * counter) for the session's whole life. A server that writes only what is not JSON-RPC — a program that is not an
 * MCP server, a server logging to stdout — fails the connection as `transport:bad-response`, with the number of such
 * lines and the first of them in the message: at once after GARBAGE_LINES_BEFORE_GIVING_UP lines, else when the
 * connect deadline passes (instead of a bare "no answer").
 */
export class HandshakeOutput {
  private lines = 0;
  private first = '';
  private open = true;
  private giveUp: () => void = () => undefined;
  /** Resolves (to null) once the server has written too many lines that are not JSON-RPC. */
  readonly gaveUp = new Promise<null>((resolve) => {
    this.giveUp = () => resolve(null);
  });

  constructor(private readonly forward: BadOutputListener | undefined) {}

  readonly listener = (kind: BadOutputKind, text: string): void => {
    this.forward?.(kind, text);
    if (!this.open || kind !== 'not-json-rpc') return;
    if (this.lines++ === 0) this.first = sampleOf(text);
    if (this.lines === GARBAGE_LINES_BEFORE_GIVING_UP) this.giveUp();
  };

  /** The session is open: what it writes from now on is only counted. */
  opened(): void {
    this.open = false;
  }

  /** `the server wrote 3 lines that are not JSON-RPC, e.g. "Server running on stdio"`; null when it wrote none. */
  describe(): string | null {
    if (this.lines === 0) return null;
    return `the server wrote ${this.lines} ${this.lines === 1 ? 'line' : 'lines'} that ${this.lines === 1 ? 'is' : 'are'} not JSON-RPC, e.g. ${JSON.stringify(this.first)}`;
  }
}
