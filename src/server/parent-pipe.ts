import { fstatSync } from 'node:fs';
import type { Readable } from 'node:stream';

/**
 * True when file descriptor `fd` is a pipe or a socket, as when a parent process spawned us with a stdin pipe
 * (Node's `spawn` uses a socket pair). A terminal, a file or /dev/null (daemons, containers without -i) is not.
 */
export function isPipeOrSocket(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    return stat.isFIFO() || stat.isSocket();
  } catch {
    return false;
  }
}

/**
 * Calls `onClosed` once when `pipe` ends or closes: the parent closed its end or died. Whatever is written to the
 * pipe is read and dropped. Returns a function that stops watching and releases the pipe, so it does not keep the
 * process alive.
 */
export function watchParentPipe(pipe: Readable, onClosed: () => void): () => void {
  let watching = true;
  const closed = (): void => {
    if (!watching) return;
    release();
    onClosed();
  };
  const release = (): void => {
    watching = false;
    pipe.off('end', closed);
    pipe.off('close', closed);
    pipe.pause();
  };
  pipe.on('end', closed);
  pipe.on('close', closed);
  pipe.resume();
  return release;
}
