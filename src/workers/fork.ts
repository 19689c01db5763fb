/**
 * The real ForkWorker: child_process.fork of the CLI's own entry (the file that runs, with the same Node options, so
 * `--import tsx` carries over in development). Its stdout is not read (the parent prints the merged report), its
 * stderr is piped (forwarded line by line with a `[worker i]` prefix), and it stays in the parent's process group.
 */
import { fork } from 'node:child_process';
import type { ForkWorker } from './parent.js';

export function forkCli(entry: string): ForkWorker {
  return (_index, args, env) => fork(entry, [...args], { env: { ...env }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], detached: false, serialization: 'json' });
}
