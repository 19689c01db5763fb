/**
 * One session with the target the flags give (the built-in reference server when none): the target written as a
 * scenario would write it, validated and built by the targets' registry, connected by client/connect.ts. Whoever
 * opens it closes it on every way out (`withSession`), so a spawned stdio server never outlives the command.
 */
import { buildTarget, targetSchema, type TargetPlan } from '../client/targets/registry.js';
import { connect, ConnectError, type Connection } from '../client/connect.js';
import { ServerLog } from '../client/transports/server-log.js';
import { systemClock } from '../time/clock.js';
import type { WrittenTarget } from '../scenario/overrides.js';

/** The target `list`, `probe` and `init` talk to without a target flag. */
export const BUILTIN_TARGET = { builtin: {} } as const;

/** A target as `init` writes it and the session opens it: one the flags gave, or the built-in server. */
export type ExploreTarget = WrittenTarget | typeof BUILTIN_TARGET;

export type BuiltTarget = { readonly ok: true; readonly plan: TargetPlan } | { readonly ok: false; readonly error: string };

/** The written target checked as `target:` is in a scenario; relative paths are taken from `cwd`. */
export function targetPlanOf(written: ExploreTarget | null, cwd: string): BuiltTarget {
  const parsed = targetSchema.safeParse(written ?? BUILTIN_TARGET);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${['target', ...issue.path.map(String)].join('.')}: ${issue.message}`);
    return { ok: false, error: lines.join('\n') };
  }
  return { ok: true, plan: buildTarget(parsed.data, cwd) };
}

export type SessionOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string; readonly serverStderr: readonly string[] };

/**
 * Connects, runs `use` on the connection and closes it whatever happens (a failure of `use` is thrown on after the
 * close). A connection failure is returned as words (what, the server's last stderr lines), never thrown.
 */
export async function withSession<T>(plan: TargetPlan, timeoutMs: number, use: (connection: Connection) => Promise<T>, mask: (text: string) => string = (t) => t): Promise<SessionOutcome<T>> {
  const log = new ServerLog(null, mask);
  let connection: Connection;
  try {
    connection = await connect(plan, log, systemClock, {}, timeoutMs);
  } catch (error) {
    if (error instanceof ConnectError) {
      // The code follows the first line; a hint on the next lines stays last.
      const [first, ...rest] = error.message.split('\n');
      return { ok: false, error: [`${first} (${error.code})`, ...rest].join('\n'), serverStderr: error.serverStderr };
    }
    return { ok: false, error: `could not connect to the target: ${error instanceof Error ? error.message : String(error)}`, serverStderr: log.tail() };
  }
  try {
    return { ok: true, value: await use(connection) };
  } finally {
    await connection.close();
  }
}
