import { Command } from 'commander';
import { serve } from '../server/main.js';

const program = new Command('kefu').description('Kefu 客服 — customer service management');

program
  .command('serve')
  .description('Start the server (migrations apply on start)')
  .action(async () => {
    await serve();
  });

await program.parseAsync(process.argv);
