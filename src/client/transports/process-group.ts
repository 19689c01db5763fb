import type { ChildProcess } from 'node:child_process';

/**
 * Servers we spawn run in a process group (and session) of their own (`detached: true`): a Ctrl-C in the terminal
 * signals the whole foreground group, and must reach only mcp-bench — which stops gracefully, letting calls in flight
 * finish — not the server those calls are waiting on. Stopping a server then signals its whole group, so whatever
 * it started (an `npx` wrapper's node, a shell's children) goes with it. If mcp-bench dies without stopping it, the
 * server's stdin pipe closes; servers are expected to exit then (ours do).
 */
export const OWN_PROCESS_GROUP = process.platform !== 'win32';

/** How long each step of stopGroup waits for the process to exit. */
export const STOP_STEP_MS = 2_000;

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Signals the child's process group (the child alone where groups do not exist). Never throws. */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  const pid = child.pid;
  if (pid === undefined) return;
  try {
    if (OWN_PROCESS_GROUP) process.kill(-pid, signal);
    else child.kill(signal);
  } catch {
    // The group is gone already.
  }
}

/** Resolves true once the child has exited (and been reaped), false if `ms` passed first. */
export function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (hasExited(child) || child.pid === undefined) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onExit = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, ms);
    child.once('exit', onExit);
  });
}

/**
 * Stops a spawned server and its group: end its stdin (a well-behaved server exits), wait up to `stepMs`, SIGTERM the
 * group, wait up to `stepMs`, SIGKILL the group, and wait for the exit so no zombie or pid is left behind. The group
 * is signalled right after its leader was reaped, before the leader's pid (the group's id) could be reused.
 */
export async function stopGroup(child: ChildProcess, stepMs = STOP_STEP_MS): Promise<void> {
  if (child.pid === undefined) return;
  try {
    child.stdin?.end();
  } catch {
    // A stdin already failed (EPIPE) is as good as ended.
  }
  if (await waitForExit(child, stepMs)) {
    // The server left on its own; whatever it started and left behind in its group is asked to go too.
    signalGroup(child, 'SIGTERM');
    return;
  }
  signalGroup(child, 'SIGTERM');
  if (await waitForExit(child, stepMs)) return;
  signalGroup(child, 'SIGKILL');
  await waitForExit(child, stepMs);
}
