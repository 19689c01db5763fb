import type { EventStore } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/** Event ids remembered per session (which stream each belongs to); the oldest are forgotten past it. */
export const MAX_REMEMBERED_EVENTS = 4096;

/**
 * The event store of one Streamable HTTP session (the SDK's EventStore): it numbers every event the session sends,
 * so each event stream carries ids and a client can resume one with Last-Event-ID (SEP-1699). Bounded, and cheap on
 * the measured path: it remembers each id's stream (the last MAX_REMEMBERED_EVENTS ids), but keeps a message for
 * replay only when `retain` says so (the answers of calls whose stream the server closed on purpose, see
 * resumable-tools.ts), never copies or serializes one, and forgets a kept message with its id (a stream may be resumed
 * more than once). A resume from an id it no longer knows is answered 400 by the SDK.
 */
export class BoundedEventStore implements EventStore {
  private seq = 0;
  private readonly streamOf = new Map<string, string>();
  private readonly kept = new Map<string, JSONRPCMessage>();

  constructor(
    private readonly retain: (message: JSONRPCMessage) => boolean,
    private readonly maxEvents = MAX_REMEMBERED_EVENTS,
  ) {}

  async storeEvent(streamId: string, message: JSONRPCMessage): Promise<string> {
    const eventId = String(++this.seq);
    this.streamOf.set(eventId, streamId);
    if (this.streamOf.size > this.maxEvents) this.forgetOldest();
    if (this.retain(message)) this.kept.set(eventId, message);
    return eventId;
  }

  async getStreamIdForEventId(eventId: string): Promise<string | undefined> {
    return this.streamOf.get(eventId);
  }

  async replayEventsAfter(lastEventId: string, { send }: { send: (eventId: string, message: JSONRPCMessage) => Promise<void> }): Promise<string> {
    const streamId = this.streamOf.get(lastEventId);
    if (streamId === undefined) throw new Error(`unknown event id ${JSON.stringify(lastEventId)}`);
    const after = Number(lastEventId);
    for (const [eventId, message] of [...this.kept]) {
      if (Number(eventId) <= after || this.streamOf.get(eventId) !== streamId) continue;
      await send(eventId, message);
    }
    return streamId;
  }

  private forgetOldest(): void {
    const oldest = this.streamOf.keys().next().value as string;
    this.streamOf.delete(oldest);
    this.kept.delete(oldest);
  }
}
