import path from 'node:path';
import { formatIssues } from '../input/issues.js';
import { loadPlan } from '../scenario/load.js';
import type { Plan } from '../scenario/plan.js';
import { useColor } from './color.js';
import { ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';

/** `mcp-bench validate <file...>`: every problem in every file, nothing run. Exit 2 if any file has a problem. */
export async function validateCommand(files: readonly string[], flags: { color: boolean }, io: CliIo): Promise<ExitCode> {
  let code: ExitCode = ExitCode.Ok;
  for (const file of files) {
    const absolute = path.resolve(io.cwd, file);
    const loaded = await loadPlan(absolute, io.env);
    io.secrets?.addAll((loaded.ok ? loaded.plan.secrets : loaded.secrets) ?? []);
    if (loaded.ok) {
      io.stdout.write(`✓ ${file}: ${describe(loaded.plan)}\n`);
    } else {
      io.stderr.write(formatIssues(loaded.issues, { color: useColor(io.stderr, io, flags.color) }));
      code = ExitCode.BadInput;
    }
  }
  return code;
}

function describe(plan: Plan): string {
  const n = plan.workloads.length;
  return `scenario "${plan.name}", ${n} workload${n === 1 ? '' : 's'} (${plan.workloads.map((w) => w.name).join(', ')}), ${plan.targetLabel}`;
}
