import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { CliError } from './common.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function registerBenchCommand(program: Command): void {
  program
    .command('bench')
    .description('Run the platform benchmark (bench/run.ts; options via BENCH_* environment variables) (性能测试)')
    .allowUnknownOption()
    .argument('[args...]', 'passed to bench/run.ts')
    .action(async (args: string[]) => {
      const script = path.join(ROOT, 'bench', 'run.ts');
      if (!fs.existsSync(script)) throw new CliError('cli.bench_missing');
      const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: 'inherit', cwd: ROOT });
      const code = await new Promise<number>((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
      process.exitCode = code;
    });
}
