import type { Command } from 'commander';
import { serve } from '../../server/main.js';
import { CliError, cliConfig } from './common.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Start the server; migrations apply on start (启动服务)')
    .option('-p, --port <port>', 'port (default $PORT or 3000; 0 = any free port)')
    .option('--host <host>', 'address to bind (default $HOST or 127.0.0.1)')
    .action(async (o: { port?: string; host?: string }, cmd: Command) => {
      const overrides: { port?: number; host?: string } = {};
      if (o.port !== undefined) {
        const port = Number(o.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError('cli.config_invalid', { problems: `--port ${o.port}` });
        overrides.port = port;
      }
      if (o.host) overrides.host = o.host;
      await serve(cliConfig(cmd, overrides));
    });
}
