/** `mcp-bench scenarios`: the scenarios shipped with mcp-bench, each with what it does; `run <name>` runs one. */
import type { Command } from 'commander';
import { outputWidth, shortenEnd, textWidth } from '../report/fit.js';
import { ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { shippedScenarios, type ShippedScenario } from './shipped-scenarios.js';

/** The listing: one line per scenario, its name padded, its description cut to the width when there is one. */
export function scenariosText(scenarios: readonly ShippedScenario[], width: number | undefined): string {
  if (scenarios.length === 0) return 'no shipped scenarios found (is the package installed whole?)\n';
  const nameWidth = Math.max(...scenarios.map((s) => textWidth(s.name)));
  const lines = scenarios.map((s) => {
    const lead = `  ${s.name.padEnd(nameWidth)}  `;
    return `${lead}${width === undefined ? s.description : shortenEnd(s.description, Math.max(20, width - textWidth(lead)))}`.trimEnd();
  });
  return ['Scenarios shipped with mcp-bench (run one with: mcp-bench run <name>):', ...lines, ''].join('\n');
}

export function defineScenariosCommand(program: Command, io: CliIo, report: (code: number) => void): Command {
  return program
    .command('scenarios')
    .description('list the scenarios shipped with mcp-bench (mcp-bench run <name> runs one)')
    .action(() => {
      io.stdout.write(scenariosText(shippedScenarios(), outputWidth(io.stdout, io.env)));
      report(ExitCode.Ok);
    });
}
