import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_DEADLINE_DAY } from '../functions/shared/ledger/submissionLedger.js';
import { parsePeriod } from '../functions/shared/period.js';
import { runExplain } from './commands/explain.js';
import { runPublish } from './commands/publish.js';
import { runReport } from './commands/report.js';
import { runRollup } from './commands/rollup.js';
import { runSignOff } from './commands/signOff.js';
import { runStart } from './commands/start.js';
import { runStatus } from './commands/status.js';
import { runSubmit } from './commands/submit.js';
import { runTemplate } from './commands/template.js';
import {
  runTokenCreate,
  runTokenList,
  runTokenRevoke,
} from './commands/token.js';
import { runValidate } from './commands/validate.js';

// The SDK warns on Node 20; Lambda runs Node 22 and the lockfile pins the SDK.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Handlers log JSON for CloudWatch; on a terminal only problems are shown.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
// Metrics are for CloudWatch; locally they would only flood the terminal.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

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
    'keep the pipeline running; serve the site and the upload API on http://127.0.0.1 until Ctrl-C',
    false,
  )
  .option('--port <port>', 'port for --serve (0 = any free port)', port, 8080)
  .action(async (opts) => {
    process.exitCode = await runStart(opts, {
      out: process.stdout,
      err: process.stderr,
    });
  });

const period = (value: string) => {
  if (!parsePeriod(value)) {
    throw new InvalidArgumentError('cần dạng YYYY-Qn / expected YYYY-Qn');
  }
  return value;
};

const day = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 28) {
    throw new InvalidArgumentError('một ngày 1–28 / a day 1–28');
  }
  return n;
};

/** `--format`, limited to the given choices; the first is the default. */
const formatOption = (...choices: [string, ...string[]]) =>
  new Option('--format <format>', 'output format')
    .choices(choices)
    .default(choices[0]);

const dataDirOption = [
  '--data-dir <dir>',
  'local AWS state (when no AWS table is configured)',
  '.data',
] as const;

program
  .command('rollup')
  .description('Consolidate one quarter now, as the quarterly schedule does')
  .requiredOption('--period <YYYY-Qn>', 'the quarter', period)
  .option(...dataDirOption)
  .addOption(formatOption('text', 'json'))
  .action(async (opts) => {
    process.exitCode = await runRollup(opts, process.stdout);
  });

program
  .command('approve')
  .description(
    'Sign off a quarter: its consolidated figures become official (chinh_thuc) and new uploads for it are refused (period-locked)',
  )
  .requiredOption('--period <YYYY-Qn>', 'the quarter', period)
  .requiredOption('--by <name>', 'who signs, e.g. the Steering Committee')
  .option('--note <text>', 'e.g. the number of the signed report')
  .option(...dataDirOption)
  .action(async (opts) => {
    process.exitCode = await runSignOff('approve', opts, {
      out: process.stdout,
      err: process.stderr,
    });
  });

program
  .command('reopen')
  .description(
    'Reopen an approved quarter for corrections, with a reason; the history keeps both',
  )
  .requiredOption('--period <YYYY-Qn>', 'the quarter', period)
  .requiredOption('--by <name>', 'who reopens it')
  .requiredOption('--reason <text>', 'why the quarter is reopened')
  .option(...dataDirOption)
  .action(async (opts) => {
    process.exitCode = await runSignOff('reopen', opts, {
      out: process.stdout,
      err: process.stderr,
    });
  });

program
  .command('status')
  .description('Expected, received, missing and late submitters of a quarter')
  .requiredOption('--period <YYYY-Qn>', 'the quarter', period)
  .option(...dataDirOption)
  .addOption(formatOption('table', 'json'))
  .option(
    '--deadline-day <day>',
    "day of the quarter's last month that submissions are due",
    day,
    DEFAULT_DEADLINE_DAY,
  )
  .action(async (opts) => {
    process.exitCode = await runStatus(opts, process.stdout);
  });

program
  .command('explain')
  .description(
    'Where a consolidated indicator figure came from: submissions, rows, history',
  )
  .requiredOption('--period <YYYY-Qn>', 'the quarter', period)
  .requiredOption('--indicator <code>', 'indicator code, e.g. CDS-2023-01')
  .option(...dataDirOption)
  .addOption(formatOption('text', 'json'))
  .action(async (opts) => {
    process.exitCode = await runExplain(opts, process.stdout);
  });

program
  .command('report')
  .description(
    "The Steering Committee's quarterly appendix of indicator results (Phụ lục), from the consolidation in force",
  )
  .requiredOption('--period <YYYY-Qn>', 'the quarter', period)
  .addOption(formatOption('html', 'docx', 'xlsx', 'json'))
  .requiredOption('--out <file>', 'the file to write')
  .option(...dataDirOption)
  .action(async (opts) => {
    process.exitCode = await runReport(opts, {
      out: process.stdout,
      err: process.stderr,
    });
  });

program
  .command('validate')
  .description(
    'Check a CSV file before uploading it, with the same code as the ingest function',
  )
  .argument('<file>', 'the CSV file')
  .requiredOption('--dataset <id>', 'dataset id, e.g. chi-tieu-cds')
  .option('--unit <code>', 'submitting unit (default: what the rows say)')
  .option('--period <YYYY-Qn>', 'quarter (default: what the rows say)', period)
  .addOption(formatOption('text', 'json'))
  .option('--out <file>', 'write the normalized rows to this CSV file')
  .action(async (file, opts) => {
    process.exitCode = await runValidate(
      file,
      {
        ...opts,
        schemasDir: fileURLToPath(new URL('../schemas', import.meta.url)),
      },
      { out: process.stdout, err: process.stderr },
    );
  });

program
  .command('template')
  .description(
    'Write the template of a dataset to fill in (Excel or CSV), pre-filled for a unit and quarter',
  )
  .requiredOption('--dataset <id>', 'dataset id, e.g. chi-tieu-cds')
  .option('--unit <code>', 'pre-fill for this unit (with --period)')
  .option(
    '--period <YYYY-Qn>',
    'pre-fill for this quarter (with --unit)',
    period,
  )
  .addOption(formatOption('xlsx', 'csv'))
  .requiredOption('--out <file>', 'where to write the template')
  .action(async (opts) => {
    process.exitCode = await runTemplate(
      {
        ...opts,
        schemasDir: fileURLToPath(new URL('../schemas', import.meta.url)),
      },
      { out: process.stdout, err: process.stderr },
    );
  });

program
  .command('submit')
  .description(
    'Upload a submission through the upload API and print its report (local API, S3 and DynamoDB unless --api-url)',
  )
  .argument('<file>', 'the CSV file')
  .requiredOption('--unit <code>', 'your unit code')
  .requiredOption('--period <YYYY-Qn>', 'the quarter', period)
  .requiredOption('--dataset <id>', 'dataset id, e.g. chi-tieu-cds')
  .option(
    '--api-url <url>',
    'the deployed upload API (the stack output UploadApiUrl)',
  )
  .option('--token <token>', "your unit's access token (with --api-url)")
  .option(...dataDirOption)
  .option(
    '--wait <seconds>',
    'how long to wait for the report',
    (v) => Number(v),
    60,
  )
  .addOption(formatOption('text', 'json'))
  .action(async (file, opts) => {
    process.exitCode = await runSubmit(file, opts, {
      out: process.stdout,
      err: process.stderr,
    });
  });

const token = program
  .command('token')
  .description('Manage agency access tokens of the upload API');

token
  .command('create')
  .description(
    'Create a token for a unit; only its SHA-256 hash is stored. It expires (default: one year) and may be limited to some datasets',
  )
  .requiredOption('--unit <code>', 'the unit the token acts for')
  .option('--label <text>', 'who holds it', 'agency')
  .option(
    '--expires <when>',
    'when it stops working: days (90d), years (2y) or a date YYYY-MM-DD',
    '365d',
  )
  .option(
    '--datasets <ids>',
    'comma-separated dataset ids it may submit (default: every submission dataset)',
  )
  .addOption(
    new Option(
      '--role <role>',
      'steward: may also approve and reopen quarters (POST /approvals)',
    ).choices(['steward']),
  )
  .option(...dataDirOption)
  .action(async (opts) => {
    process.exitCode = await runTokenCreate(opts, {
      out: process.stdout,
      err: process.stderr,
    });
  });

token
  .command('list')
  .description(
    'List tokens: hash prefix, unit, label, expiry, datasets and state (never the token)',
  )
  .option(...dataDirOption)
  .addOption(formatOption('table', 'json'))
  .action(async (opts) => {
    process.exitCode = await runTokenList(opts, {
      out: process.stdout,
      err: process.stderr,
    });
  });

token
  .command('revoke')
  .description(
    'Revoke the tokens with this label, or whose hash starts with this prefix; the next call with one is refused (401)',
  )
  .argument('<label|prefix>', 'a label, or a hash prefix from `token list`')
  .option(...dataDirOption)
  .action(async (target, opts) => {
    process.exitCode = await runTokenRevoke(target, opts, {
      out: process.stdout,
      err: process.stderr,
    });
  });

program
  .command('publish')
  .description(
    'Push the published datasets to a CKAN portal: create or update datasets and resources, only where they differ',
  )
  .requiredOption(
    '--ckan-url <url>',
    'the portal, e.g. https://opendata.thanhhoa.gov.vn',
  )
  .option(
    '--api-token <token>',
    'a CKAN API token allowed to edit the organization (default: $CKAN_API_TOKEN)',
  )
  .option(
    '--site <dir>',
    'a folder written by `opendata start --out` (default: the public bucket)',
  )
  .option(...dataDirOption)
  .option('--dry-run', 'show what would change, send no write', false)
  .action(async (opts) => {
    const apiToken = opts.apiToken ?? process.env.CKAN_API_TOKEN;
    if (!apiToken) {
      process.stderr.write(
        'Cần --api-token hoặc CKAN_API_TOKEN / --api-token or CKAN_API_TOKEN is required\n',
      );
      process.exitCode = 2;
      return;
    }
    process.exitCode = await runPublish(
      { ...opts, apiToken },
      { out: process.stdout, err: process.stderr },
    );
  });

await program.parseAsync();
