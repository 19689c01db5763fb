import path from 'node:path';
import { z } from 'zod';
import { stringish, stringMap, strict, text } from '../../input/fields.js';
import { hideValues } from './remote.js';
import { defineTargetKind } from './kind.js';
import { limitsField, limitsOf } from './limits.js';
import type { ServerLimits } from '../transports/server-limits.js';
import { sessionFields, sessionSettingsOf, type SessionSettings } from '../session/settings.js';

/** A server mcp-bench spawns and speaks to over its stdin/stdout. */
export interface StdioTargetPlan extends SessionSettings {
  readonly kind: 'stdio';
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** Absolute working directory (relative paths in the file are resolved against the file's folder). */
  readonly cwd: string;
  /** `limits:` — the server's memory (RSS) and CPU time limits (limits.ts); absent: none. */
  readonly limits?: ServerLimits;
}

const MAX_LABEL = 100;

export const stdioTarget = defineTargetKind<StdioTargetPlan>()({
  kind: 'stdio',
  schema: strict({
    command: text('a command, like node or npx'),
    args: z.array(stringish()).optional(),
    env: stringMap().optional(),
    cwd: text('a folder').optional(),
    limits: limitsField().optional(),
    ...sessionFields(),
  }),
  build: (raw, baseDir) => {
    const { command, args = [], env = {}, cwd = '.', limits } = raw;
    const limited = limits !== undefined ? { limits: limitsOf(limits) } : {};
    return { kind: 'stdio', command, args, env, cwd: path.resolve(baseDir, cwd), ...limited, ...sessionSettingsOf(raw) };
  },
  transport: () => 'stdio',
  spawnsServer: true,
  notStreamableHttp: () => 'a stdio server',
  shown: (plan) => ({ ...plan, env: hideValues(plan.env) }),
  label: (shown) => {
    const line = [shown.command, ...shown.args].map((word) => (/[\s"']/.test(word) ? JSON.stringify(word) : word)).join(' ');
    return `stdio: ${line.length > MAX_LABEL ? `${line.slice(0, MAX_LABEL - 1)}…` : line}`;
  },
  open: async (plan, log, clock, options) => (await import('../transports/stdio.js')).openStdio(plan, log, options, clock),
});
