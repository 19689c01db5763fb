/**
 * The reference server's notifying tools: `progress` reports progress on the request's token, `log` sends log
 * messages (honouring the session's `logging/setLevel`), `toggle_tool` adds or removes a tool (a list change), and
 * `notifications_sent` reads what they sent (sent-notifications.ts). Every notification is sent on the request that
 * caused it, so it reaches the client over Streamable HTTP too (on the call's own event stream), not only over stdio.
 */
import type { McpServer, RegisteredTool } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SetLevelRequestSchema, type CallToolResult, type LoggingLevel, type ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { sentNotificationsOf } from './sent-notifications.js';
import type { ReferenceServerState } from './state.js';

/** MCP's log levels (RFC 5424), least severe first: a message is sent when at or above the session's level. */
const LEVELS = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'] as const;
export const MAX_PROGRESS_STEPS = 10_000;
export const MAX_PROGRESS_INTERVAL_MS = 60_000;
export const MAX_LOG_COUNT = 10_000;
/** The tool `toggle_tool` adds and removes. */
export const TOGGLED_TOOL = 'toggled';

export const NOTIFY_TOOL_ANNOTATIONS = {
  progress: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  log: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  toggle_tool: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  notifications_sent: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
} as const satisfies Readonly<Record<string, ToolAnnotations>>;

const text = (value: string): CallToolResult => ({ content: [{ type: 'text', text: value }] });

export function registerNotifyingTools(server: McpServer, state: ReferenceServerState): void {
  registerProgress(server, state);
  registerLog(server, state);
  registerToggle(server, state);
  registerSent(server, state);
}

/** `progress {steps, intervalMs}`: `steps` progress notifications `intervalMs` apart, when the request has a token. */
function registerProgress(server: McpServer, state: ReferenceServerState): void {
  const sent = sentNotificationsOf(state);
  server.registerTool(
    'progress',
    {
      description: 'Sends `steps` progress notifications `intervalMs` apart (when the request carries a progress token), then answers.',
      inputSchema: { steps: z.number().int().min(0).max(MAX_PROGRESS_STEPS).default(5), intervalMs: z.number().min(0).max(MAX_PROGRESS_INTERVAL_MS).default(10) },
      annotations: NOTIFY_TOOL_ANNOTATIONS.progress,
    },
    async ({ steps, intervalMs }, extra) => {
      const token = extra._meta?.progressToken;
      let reported = 0;
      for (let step = 1; step <= steps && !extra.signal.aborted; step++) {
        if (intervalMs > 0) await state.sleepUs(intervalMs * 1000, extra.signal);
        if (token === undefined) continue;
        await extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: step, total: steps } });
        sent.sent('notifications/progress');
        reported++;
      }
      return text(`progress: ${steps} steps, ${reported} notifications sent`);
    },
  );
}

/**
 * `log {level, count}`: `count` log messages at `level`, sent only when at or above the level the session set with
 * `logging/setLevel` (all of them before it sets one). The server's own setLevel handler is replaced by one that
 * keeps this session's level where the tool can read it.
 */
function registerLog(server: McpServer, state: ReferenceServerState): void {
  const sent = sentNotificationsOf(state);
  let sessionLevel: LoggingLevel | null = null;
  server.server.setRequestHandler(SetLevelRequestSchema, (request) => {
    sessionLevel = request.params.level;
    return {};
  });
  server.registerTool(
    'log',
    {
      description: 'Sends `count` log messages at `level`, filtered by the session\'s logging/setLevel.',
      inputSchema: { level: z.enum(LEVELS).default('info'), count: z.number().int().min(0).max(MAX_LOG_COUNT).default(1) },
      annotations: NOTIFY_TOOL_ANNOTATIONS.log,
    },
    async ({ level, count }, extra) => {
      const shown = sessionLevel === null || LEVELS.indexOf(level) >= LEVELS.indexOf(sessionLevel);
      if (!shown) return text(`log: 0 of ${count} ${level} messages sent (level ${sessionLevel})`);
      for (let i = 0; i < count; i++) {
        await extra.sendNotification({ method: 'notifications/message', params: { level, logger: 'mcp-bench-reference', data: `message ${i + 1} of ${count}` } });
        sent.logged(level);
      }
      return text(`log: ${count} ${level} messages sent`);
    },
  );
}

/**
 * `toggle_tool`: adds the tool `toggled` (an echo) when absent, removes it when present, and sends
 * `notifications/tools/list_changed` on the call. The SDK's own announcement (sent outside any request, so lost over
 * HTTP without a standalone stream) is held back, so each toggle sends exactly one.
 */
function registerToggle(server: McpServer, state: ReferenceServerState): void {
  const sent = sentNotificationsOf(state);
  const announce = server.sendToolListChanged.bind(server);
  let quiet = false;
  server.sendToolListChanged = () => {
    if (!quiet) announce();
  };
  let toggled: RegisteredTool | null = null;
  server.registerTool(
    'toggle_tool',
    { description: `Adds the tool "${TOGGLED_TOOL}" when absent, removes it when present; the tool list changes.`, annotations: NOTIFY_TOOL_ANNOTATIONS.toggle_tool },
    async (extra) => {
      quiet = true;
      try {
        if (toggled) {
          toggled.remove();
          toggled = null;
        } else {
          toggled = server.registerTool(TOGGLED_TOOL, { description: 'Answers "toggled".' }, () => text('toggled'));
        }
      } finally {
        quiet = false;
      }
      await extra.sendNotification({ method: 'notifications/tools/list_changed' });
      sent.sent('notifications/tools/list_changed');
      return text(toggled ? `added ${TOGGLED_TOOL}` : `removed ${TOGGLED_TOOL}`);
    },
  );
}

/** `notifications_sent {reset}`: what the notifying tools sent so far, as JSON text (SentCounts). */
function registerSent(server: McpServer, state: ReferenceServerState): void {
  const sent = sentNotificationsOf(state);
  server.registerTool(
    'notifications_sent',
    {
      description: 'Returns what progress, log and toggle_tool sent (JSON text); `reset: true` zeroes it after reading.',
      inputSchema: { reset: z.boolean().optional() },
      annotations: NOTIFY_TOOL_ANNOTATIONS.notifications_sent,
    },
    ({ reset }) => {
      const counts = sent.snapshot();
      if (reset === true) sent.reset();
      return text(JSON.stringify(counts));
    },
  );
}
