import { spawn, type ChildProcess } from 'node:child_process';
import { getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import { serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { systemClock, type Clock } from '../../time/clock.js';
import type { CallTrace } from '../trace.js';
import type { HoldsSends } from './held-sends.js';
import { formatBytes } from '../../input/units.js';
import { DEFAULT_MAX_ANSWER_BYTES, type BadOutputListener } from './bad-output.js';
import type { ClosesWithCause } from './close-cause.js';
import { InboundRouter } from './inbound.js';
import type { LimitGuard } from './limit-guard.js';
import { LineReader } from './line-reader.js';
import { trackGroup } from './live-groups.js';
import { OWN_PROCESS_GROUP, STOP_STEP_MS, stopGroup } from './process-group.js';

/** After the process exits, how long its output may take to drain before the transport counts as closed anyway. */
const OUTPUT_AFTER_EXIT_MS = 200;

export interface StdioProcessOptions {
  readonly command: string;
  readonly args: readonly string[];
  /** Added to the SDK's safe default environment (PATH, HOME, …); the parent's own environment is not passed. */
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** Where the server's stderr goes (never into our output). */
  readonly onStderr: (chunk: Buffer) => void;
  /** How long each step of close() waits for the process to exit (stdin closed, SIGTERM, SIGKILL). Default 2 s. */
  readonly stopStepMs?: number;
  /** The longest line read from stdout; a longer one is skipped (see bad-output.ts). Default 16 MiB. */
  readonly maxAnswerBytes?: number;
  /** Told of every line that is not JSON-RPC, every answer to no request in flight, every line over the limit. */
  readonly onBadOutput?: BadOutputListener;
  /** Times when a held request finally goes out (HoldsSends). Default: the system clock. */
  readonly clock?: Pick<Clock, 'nowUs'>;
  /** The server's limits (`limits:`): how it is spawned, its memory watched, and why it died (limit-guard.ts). */
  readonly guard?: LimitGuard;
}

/** A message waiting for the server's stdin to drain, and the call it belongs to (its send time moves when it goes). */
interface HeldSend {
  readonly line: string;
  readonly trace: CallTrace | null;
  /** The trace's sentUs when held: if it changed, the trace has moved on to another call and is left alone. */
  readonly sentUs: number;
}

/**
 * The client side of the stdio transport, spawning the server in a process group of its own (see process-group.ts)
 * — which the SDK's StdioClientTransport cannot do. Newline-delimited JSON-RPC on stdin/stdout (our LineReader and
 * InboundRouter, which bound a line's size and count bad output; the SDK's serializeMessage), stderr to `onStderr`. close() ends stdin, then SIGTERMs, then SIGKILLs the group, and returns
 * once the process is gone; `onclose` fires when the process has exited and its output has been read (or soon after
 * the exit, if something it started still holds its stdout). A server killed at one of its limits closes the
 * transport with that cause (`closeCause`: memory-limit, cpu-limit).
 */
export class StdioProcessTransport implements Transport, HoldsSends, ClosesWithCause {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  sendingFor: CallTrace | null = null;

  private child: ChildProcess | null = null;
  private readonly inbound: InboundRouter;
  private readonly lines: LineReader;
  private closing: Promise<void> | null = null;
  private exitTimer: NodeJS.Timeout | null = null;
  private ended = false;
  /** Messages held while stdin is full, oldest first from `heldHead`; at most one per call in flight (plus cancellations). */
  private held: HeldSend[] = [];
  private heldHead = 0;
  /** While stdin is full: resolves once every held message has been written. One 'drain' listener serves them all. */
  private drained: { readonly promise: Promise<void>; readonly resolve: () => void } | null = null;
  /** Takes the group off the list of live groups (live-groups.ts) once stopped. */
  private untrack: (() => void) | null = null;

  constructor(private readonly options: StdioProcessOptions) {
    this.inbound = new InboundRouter((message) => this.onmessage?.(message), options.onBadOutput);
    const maxBytes = options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
    this.lines = new LineReader(maxBytes, this.inbound, `the ${formatBytes(maxBytes)} limit`);
  }

  /** Why the server went, when it was killed at a limit (limit-guard.ts); null otherwise. */
  get closeCause(): string | null {
    return this.options.guard?.cause ?? null;
  }

  /** The server's process id (and process group id), once started. */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  start(): Promise<void> {
    if (this.child) return Promise.reject(new Error('StdioProcessTransport already started'));
    const guard = this.options.guard;
    const { command, args } = guard ? guard.command(this.options.command, this.options.args) : this.options;
    return new Promise((resolve, reject) => {
      const child = spawn(command, [...args], {
        env: { ...getDefaultEnvironment(), ...this.options.env },
        cwd: this.options.cwd,
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: OWN_PROCESS_GROUP,
        shell: false,
        windowsHide: true,
      });
      this.child = child;
      if (child.pid !== undefined) this.untrack = trackGroup(child.pid);
      let spawned = false;
      child.once('spawn', () => {
        spawned = true;
        guard?.spawned(child);
        resolve();
      });
      child.on('error', (error) => {
        if (!spawned) reject(error);
        else this.onerror?.(error);
      });
      // Closed once it has exited and its output has been read; a grandchild holding stdout open does not delay it
      // past a moment after the exit.
      child.once('exit', (_code, signal) => {
        guard?.exited(signal);
        this.exitTimer = setTimeout(() => this.finish(), OUTPUT_AFTER_EXIT_MS);
      });
      child.once('close', () => this.finish());
      child.stdout?.on('data', (chunk: Buffer) => this.read(chunk));
      child.stdout?.on('error', (error) => this.onerror?.(error));
      child.stdin?.on('error', (error) => this.onerror?.(error));
      child.stderr?.on('data', this.options.onStderr);
    });
  }

  /**
   * Writes the message, or — while the server's stdin is full — holds it in order until stdin drains, rather than
   * piling it into the stream's own buffer: one 'drain' listener serves every held message, the stream's buffer holds
   * about one high-water mark, and a held request's call gets its send time when it really goes (HoldsSends). The
   * promise resolves once the message is written.
   */
  send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || this.ended) return Promise.reject(new Error('Not connected'));
    // Serialized once: the line written is the line whose bytes the call's figures count.
    const line = serializeMessage(message);
    this.inbound.sent(message, line);
    // A server on its way out (stdin ended or broken): the message is lost, and the call fails as `closed` when
    // onclose follows — a rejected send would leave the SDK's response handler behind (see transport-failure.ts).
    if (!stdin.writable) return Promise.resolve();
    if (this.drained === null) {
      if (stdin.write(line)) return Promise.resolve();
      return this.awaitDrain(stdin).promise;
    }
    const trace = this.sendingFor;
    this.held.push({ line, trace, sentUs: trace?.sentUs ?? -1 });
    return this.drained.promise;
  }

  /** stdin is full: from now on messages are held until it drains (one listener, re-armed while any are left). */
  private awaitDrain(stdin: NonNullable<ChildProcess['stdin']>): { readonly promise: Promise<void>; readonly resolve: () => void } {
    let resolve!: () => void;
    const promise = new Promise<void>((done) => (resolve = done));
    this.drained = { promise, resolve };
    const onDrain = (): void => {
      if (this.writeHeld(stdin)) stdin.once('drain', onDrain);
      else this.releaseHeld();
    };
    stdin.once('drain', onDrain);
    return this.drained;
  }

  /** Writes held messages in order until stdin is full again (true: some are still held, or stdin is still full). */
  private writeHeld(stdin: NonNullable<ChildProcess['stdin']>): boolean {
    const nowUs = (this.options.clock ?? systemClock).nowUs();
    let full = false;
    while (!full && this.heldHead < this.held.length && !this.ended && stdin.writable) {
      const next = this.held[this.heldHead++]!;
      if (next.trace !== null && next.trace.sentUs === next.sentUs) next.trace.sentUs = nowUs;
      full = !stdin.write(next.line);
    }
    // Forget what went out, so a queue that never quite empties does not keep it.
    if (this.heldHead >= 1024) {
      this.held = this.held.slice(this.heldHead);
      this.heldHead = 0;
    }
    return full && !this.ended;
  }

  /** Nothing is held any more (all written, or the process is gone): sends write directly again. */
  private releaseHeld(): void {
    const drained = this.drained;
    this.held = [];
    this.heldHead = 0;
    this.drained = null;
    drained?.resolve();
  }

  close(): Promise<void> {
    this.closing ??= this.stop();
    return this.closing;
  }

  private async stop(): Promise<void> {
    this.options.guard?.stop();
    if (this.child) await stopGroup(this.child, this.options.stopStepMs ?? STOP_STEP_MS);
    this.untrack?.();
    this.finish();
  }

  /** Lines beyond the size limit are skipped to their end, so one oversized answer never ends the session. */
  private read(chunk: Buffer): void {
    this.lines.push(chunk);
  }

  private finish(): void {
    if (this.exitTimer) clearTimeout(this.exitTimer);
    if (this.ended) return;
    this.ended = true;
    this.releaseHeld();
    this.lines.clear();
    this.inbound.clear();
    this.onclose?.();
  }
}
