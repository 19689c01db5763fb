import { fileURLToPath } from 'node:url';

/**
 * How to start this very CLI as a child process (for the built-in reference server): the built entry under dist/,
 * or — when running from TypeScript sources, as the tests do — the source entry through tsx.
 */
export function selfCommand(): { readonly command: string; readonly args: readonly string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = fileURLToPath(new URL(`../../cli/main.${fromSource ? 'ts' : 'js'}`, import.meta.url));
  if (!fromSource) return { command: process.execPath, args: [entry] };
  return { command: process.execPath, args: ['--import', import.meta.resolve('tsx'), entry] };
}
