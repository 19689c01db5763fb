import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * How to start this very CLI as a child process (for the built-in reference server): the built entry under dist/,
 * or — when running from TypeScript sources, as the tests do — the source entry through tsx, unless dist/ was built
 * from these very sources (every file under src/ older than the built entry): then the built entry, which starts in
 * half the time and half the CPU. The tests spawn hundreds of servers and CLIs; on a clean clone `npm install` has just
 * built dist/, and after any edit to src/ the sources are used again.
 */
export function selfCommand(): { readonly command: string; readonly args: readonly string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = fileURLToPath(new URL(`../../cli/main.${fromSource ? 'ts' : 'js'}`, import.meta.url));
  if (!fromSource) return { command: process.execPath, args: [entry] };
  const built = currentBuild();
  if (built !== null) return { command: process.execPath, args: [built] };
  return { command: process.execPath, args: ['--import', import.meta.resolve('tsx'), entry] };
}

let checked: { readonly entry: string | null } | null = null;

/** dist/cli/main.js when it is newer than every file under src/ (checked once per process), else null. */
function currentBuild(): string | null {
  if (checked) return checked.entry;
  const src = fileURLToPath(new URL('../../', import.meta.url));
  const entry = path.join(src, '..', 'dist', 'cli', 'main.js');
  let builtMs: number;
  try {
    builtMs = statSync(entry).mtimeMs;
  } catch {
    builtMs = -Infinity;
  }
  checked = { entry: builtMs > newestMtimeMs(src) ? entry : null };
  return checked.entry;
}

function newestMtimeMs(dir: string): number {
  let newest = statSync(dir).mtimeMs;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, item.name);
    newest = Math.max(newest, item.isDirectory() ? newestMtimeMs(full) : statSync(full).mtimeMs);
  }
  return newest;
}
