import { Command, InvalidArgumentError } from 'commander';
import { runStart } from './commands/start.js';

// The SDK warns on Node 20; Lambda runs Node 22 and the lockfile pins the SDK.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Handlers log JSON for CloudWatch; on a terminal only problems are shown.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

const port = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new InvalidArgumentError('cổng không hợp lệ / not a port number');
  }
  return n;
};

const program = new Command('opendata')
  .description(
    'Dữ liệu mở chuyển đổi số Thanh Hóa / Thanh Hóa digital-transformation open data pipeline',
  )
  .showHelpAfterError()
  .exitOverride((error) => {
    process.exit(error.exitCode === 0 ? 0 : 2);
  });

program
  .command('start')
  .description(
    'Run the whole pipeline on local S3 and DynamoDB: upload, validate, roll up, publish',
  )
  .option(
    '--submissions <dir>',
    'submissions laid out <unit>/<period>/<dataset>.csv',
    'fixtures/submissions',
  )
  .option('--data-dir <dir>', 'where local AWS keeps its state', '.data')
  .option('--out <dir>', 'also copy the published site into this folder')
  .option('--fresh', 'start from empty local state', false)
  .option(
    '--serve',
    'serve the published site on http://127.0.0.1 until Ctrl-C',
    false,
  )
  .option('--port <port>', 'port for --serve (0 = any free port)', port, 8080)
  .action(async (opts) => {
    process.exitCode = await runStart(opts, {
      out: process.stdout,
      err: process.stderr,
    });
  });

await program.parseAsync();
