/**
 * Subscribable resources that change: `bench://counter` (its text is a number) goes up by one on each `bump` call,
 * and every session subscribed to it (`resources/subscribe`) is sent `notifications/resources/updated`. The update's
 * `_meta` carries when the change happened (CHANGED_AT_META, wall-clock epoch µs), so a client can time the delay from
 * the triggering call to its receipt. One hub per server process (state.ts): a bump in one session notifies every
 * subscribed session; the session that bumped gets its update on the bump's own response stream (Streamable HTTP),
 * the others on their standalone stream. Updates handed to a session's transport are counted (counter.ts).
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SubscribeRequestSchema, UnsubscribeRequestSchema, type RequestId } from '@modelcontextprotocol/sdk/types.js';
import { epochNowUs } from '../time/epoch.js';
import type { MessageCounter } from './counter.js';

export const COUNTER_RESOURCE_URI = 'bench://counter';
/** The key in an update's `_meta` holding when the resource changed (wall-clock epoch µs, an integer). */
export const CHANGED_AT_META = 'mcp-bench/changedAtEpochUs';

/** `bump` changes the counter (and notifies): neither read-only nor idempotent. */
export const BUMP_ANNOTATIONS = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false } as const;

type Session = McpServer;

export class ResourceSubscriptions {
  private readonly subscribers = new Map<string, Set<Session>>();
  private counter = 0;

  constructor(
    private readonly counts: MessageCounter,
    private readonly now: () => number = epochNowUs,
  ) {}

  subscribe(session: Session, uri: string): void {
    let set = this.subscribers.get(uri);
    if (!set) this.subscribers.set(uri, (set = new Set()));
    set.add(session);
  }

  unsubscribe(session: Session, uri: string): void {
    this.subscribers.get(uri)?.delete(session);
  }

  /** A session closed: it is subscribed to nothing any more. */
  drop(session: Session): void {
    for (const set of this.subscribers.values()) set.delete(session);
  }

  /** The counter's value now. */
  get value(): number {
    return this.counter;
  }

  /** Bumps the counter and notifies its subscribers; `from` is the session and request that bumped it. */
  async bump(from: { session: Session; requestId: RequestId }): Promise<number> {
    this.counter += 1;
    await this.changed(COUNTER_RESOURCE_URI, from);
    return this.counter;
  }

  private async changed(uri: string, from: { session: Session; requestId: RequestId }): Promise<void> {
    const params = { uri, _meta: { [CHANGED_AT_META]: Math.round(this.now()) } };
    const sends = [...(this.subscribers.get(uri) ?? [])].map(async (session) => {
      const options = session === from.session ? { relatedRequestId: from.requestId } : undefined;
      try {
        await session.server.notification({ method: 'notifications/resources/updated', params }, options);
        this.counts.recordUpdateSent(uri);
      } catch {
        // The session closed meanwhile: nothing was sent.
        this.drop(session);
      }
    });
    await Promise.all(sends);
  }
}

/** Registers `bench://counter`, the `bump` tool and the subscribe/unsubscribe handlers on one session. */
export function registerSubscriptions(server: McpServer, subscriptions: ResourceSubscriptions): void {
  server.registerResource('counter', COUNTER_RESOURCE_URI, { description: 'A number that `bump` increments (subscribable)', mimeType: 'text/plain' }, (uri) => ({
    contents: [{ uri: uri.href, mimeType: 'text/plain', text: String(subscriptions.value) }],
  }));
  server.registerTool(
    'bump',
    {
      description: `Increments ${COUNTER_RESOURCE_URI} and notifies its subscribers; answers the new value.`,
      annotations: BUMP_ANNOTATIONS,
    },
    async (extra) => {
      const value = await subscriptions.bump({ session: server, requestId: extra.requestId });
      return { content: [{ type: 'text', text: String(value) }] };
    },
  );
  server.server.setRequestHandler(SubscribeRequestSchema, (request) => {
    subscriptions.subscribe(server, request.params.uri);
    return {};
  });
  server.server.setRequestHandler(UnsubscribeRequestSchema, (request) => {
    subscriptions.unsubscribe(server, request.params.uri);
    return {};
  });
  const previous = server.server.onclose;
  server.server.onclose = () => {
    subscriptions.drop(server);
    previous?.();
  };
}
