import { OWN_PROCESS_GROUP } from './process-group.js';

/**
 * Every process group mcp-bench has spawned and not yet stopped (a stdio server, the built-in HTTP server), in one
 * place, so that every way out of the process can kill them: closing a session stops its group gracefully
 * (process-group.ts: stdin end, SIGTERM, SIGKILL); exiting without that — a second Ctrl-C, the deadline after the
 * grace period, an uncaught exception, a library user's process ending with sessions still open — SIGKILLs each
 * group still listed here, synchronously, from `process.on('exit')` (and from the CLI's exitNow before it).
 * A server that ignores the end of its stdin and SIGTERM would otherwise outlive mcp-bench under PID 1.
 */
const live = new Set<number>();
const watchers = new Set<(pgid: number) => void>();
let exitHookInstalled = false;

/**
 * Lists a freshly spawned group (its leader's pid); returns the function that removes it once the group has been
 * stopped. The first call installs the exit hook.
 */
export function trackGroup(pgid: number): () => void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', killLiveGroups);
  }
  live.add(pgid);
  for (const watcher of watchers) watcher(pgid);
  return () => void live.delete(pgid);
}

/** SIGKILLs every group still listed, at once and synchronously (safe inside an `exit` handler); never throws. */
export function killLiveGroups(): number[] {
  const killed = [...live];
  for (const pgid of killed) {
    try {
      if (OWN_PROCESS_GROUP) process.kill(-pgid, 'SIGKILL');
      else process.kill(pgid, 'SIGKILL');
    } catch {
      // Gone already.
    }
  }
  live.clear();
  return killed;
}

/** The groups spawned and not yet stopped (leak checks read it). */
export function liveGroups(): readonly number[] {
  return [...live];
}

/** Told of every group spawned from now on, until the returned function is called (leak checks in tests). */
export function watchGroups(watcher: (pgid: number) => void): () => void {
  watchers.add(watcher);
  return () => void watchers.delete(watcher);
}
