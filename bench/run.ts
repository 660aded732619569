process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { build } from 'esbuild';
import { createRuntime } from '../functions/shared/aws/runtime.js';
import { ENV } from '../functions/shared/resources.js';
import { startLocalAws } from '../local/localAws.js';
import { connectIngest } from '../local/localIngest.js';
import { type BenchFile, generate } from './generate.js';

const run = promisify(execFile);
const DATA_DIR = fileURLToPath(new URL('.data', import.meta.url));
const SCHEMAS_DIR = fileURLToPath(new URL('../schemas', import.meta.url));

interface Measurement {
  readonly file: string;
  readonly path:
    | 'raw-parse'
    | 'parse-and-stringify'
    | 'parse-and-write'
    | 'ingest'
    | 'end-to-end';
  readonly rows: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  readonly peakRssMb: number;
  readonly ratioToRawParse: number;
  readonly submissionsPerSecond?: number;
  readonly p50LatencyMs?: number;
  readonly p95LatencyMs?: number;
}

const MEASURE_BUNDLE = join(DATA_DIR, 'measure.mjs');

/**
 * Bundles bench/measure.ts the way the functions are bundled for Lambda
 * (esbuild, minified ESM), so the figures are those of the deployed code,
 * not of a TypeScript loader.
 */
const bundleMeasure = () =>
  build({
    entryPoints: [fileURLToPath(new URL('measure.ts', import.meta.url))],
    outfile: MEASURE_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    mainFields: ['module', 'main'],
    minify: true,
    keepNames: true,
    banner: {
      js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);",
    },
    logLevel: 'error',
  });

const measure = async (
  mode: 'raw' | 'write' | 'own-write' | 'ingest',
  file: BenchFile,
) => {
  const { stdout } = await run(
    process.execPath,
    [MEASURE_BUNDLE, mode, file.path, '/dev/null'],
    {
      maxBuffer: 1 << 20,
      env: { ...process.env, [ENV.schemasDir]: SCHEMAS_DIR },
    },
  );
  return JSON.parse(stdout) as Pick<
    Measurement,
    'rows' | 'bytes' | 'seconds' | 'peakRssMb'
  >;
};

const percentile = (sorted: readonly number[], p: number) =>
  sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ] ?? 0;

/** Uploads small submissions to local S3 and times each until its report is recorded. */
const endToEnd = async (count: number): Promise<Measurement> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'opendata-bench-'));
  const aws = await startLocalAws({ dataDir, inMemory: true });
  Object.assign(process.env, aws.env, {
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    POWERTOOLS_METRICS_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  try {
    const { handler } = await import(
      '../functions/ingest-submission/handler.js'
    );
    const runtime = createRuntime(process.env);
    const ingest = runtime.bucket(ENV.ingestBucket);
    const started = new Map<string, number>();
    const latencies: number[] = [];
    const link = connectIngest(aws, ingest.bucket, handler, (key) => {
      latencies.push(performance.now() - (started.get(key) ?? 0));
    });
    // 100 communes of 2023 each report the 43 indicators.
    const communes = runtime.catalogue.units
      .listValid('commune', { year: 2023, quarter: 3 })
      .slice(0, count);
    const body = (unit: string) =>
      `ma_don_vi,ky_bao_cao,ma_chi_tieu,tu_so,mau_so,trang_thai,ghi_chu\n${Array.from(
        { length: 43 },
        (_, i) =>
          `${unit},2023-Q3,CDS-2023-${String(i + 1).padStart(2, '0')},${100 + i},${200 + i},Đang thực hiện,"Ghi chú, số ${i}"`,
      ).join('\n')}\n`;
    const t0 = performance.now();
    let bytes = 0;
    for (const unit of communes) {
      const key = `submissions/${unit.code}/2023-Q3/chi-tieu-cds.csv`;
      const text = body(unit.code);
      bytes += Buffer.byteLength(text);
      started.set(key, performance.now());
      await ingest.put(key, text, 'text/csv');
    }
    await link.idle();
    const seconds = (performance.now() - t0) / 1000;
    link.disconnect();
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      file: `${communes.length} × 43-row submissions`,
      path: 'end-to-end',
      rows: communes.length * 43,
      bytes,
      seconds,
      rowsPerSecond: (communes.length * 43) / seconds,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      ratioToRawParse: Number.NaN,
      submissionsPerSecond: communes.length / seconds,
      p50LatencyMs: percentile(sorted, 50),
      p95LatencyMs: percentile(sorted, 95),
    };
  } finally {
    await aws.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', {
        maximumFractionDigits: digits,
        minimumFractionDigits: digits,
      })
    : '–';

const printTable = (results: readonly Measurement[]) => {
  const head = [
    'file',
    'path',
    'rows',
    'MB',
    's',
    'rows/s',
    'MB/s',
    'peak RSS MB',
    '× raw parse',
  ];
  const lines = results.map((r) => [
    r.file,
    r.path,
    fmt(r.rows),
    fmt(r.bytes / 1e6, 1),
    fmt(r.seconds, 2),
    fmt(r.rowsPerSecond),
    fmt(r.bytes / 1e6 / r.seconds, 1),
    fmt(r.peakRssMb),
    r.path === 'end-to-end'
      ? `${fmt(r.submissionsPerSecond ?? 0, 1)} subm/s, p50 ${fmt(r.p50LatencyMs ?? 0)} ms, p95 ${fmt(r.p95LatencyMs ?? 0)} ms`
      : fmt(r.ratioToRawParse, 2),
  ]);
  const widths = head.map((h, i) =>
    Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)),
  );
  for (const line of [head, ...lines]) {
    process.stdout.write(
      `${line.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')}\n`,
    );
  }
};

const program = new Command('bench')
  .description(
    'Ingest path throughput and memory against papaparse raw parsing',
  )
  .option(
    '--rows <list>',
    'comma-separated row counts',
    '10000,100000,1000000,5000000',
  )
  .option(
    '--quick',
    'small files and 20 end-to-end submissions (about a minute)',
    false,
  )
  .option('--submissions <n>', 'end-to-end submissions', '100')
  .option('--json', 'print the results as one JSON document', false)
  .parse();

const opts = program.opts<{
  rows: string;
  quick: boolean;
  submissions: string;
  json: boolean;
}>();
const sizes = opts.quick ? [10_000, 100_000] : opts.rows.split(',').map(Number);
const log = (text: string) => {
  if (!opts.json) process.stderr.write(`${text}\n`);
};

const files: BenchFile[] = [];
for (const rows of sizes) {
  log(`generating ${rows} rows (once, in bench/.data)…`);
  files.push(await generate(DATA_DIR, rows, false));
}
const excelRows = Math.min(Math.max(...sizes), 100_000);
log(`generating the Windows-1258 ';' variant with ${excelRows} rows…`);
files.push(await generate(DATA_DIR, excelRows, true));

await bundleMeasure();
const results: Measurement[] = [];
for (const file of files) {
  log(`measuring ${file.name}…`);
  const raw = await measure('raw', file);
  const write = await measure('write', file);
  const ownWrite = await measure('own-write', file);
  const ingest = await measure('ingest', file);
  for (const [path, m] of [
    ['raw-parse', raw],
    ['parse-and-stringify', write],
    ['parse-and-write', ownWrite],
    ['ingest', ingest],
  ] as const) {
    results.push({
      file: file.name,
      path,
      ...m,
      rowsPerSecond: file.rows / m.seconds,
      ratioToRawParse: raw.seconds / m.seconds,
    });
  }
}
log('end to end through local S3 → ingest handler → DynamoDB…');
results.push(await endToEnd(opts.quick ? 20 : Number(opts.submissions)));

/** The ingest measurement of the plain UTF-8 file of `rows` rows, if the run has it. */
const ingestOf = (all: readonly Measurement[], rows: number) =>
  all.find(
    (r) => r.path === 'ingest' && r.rows === rows && !r.file.includes('excel'),
  );

/** The targets, checked on this run's figures where the run has the files. */
const targetsOf = (all: readonly Measurement[]) => {
  const small = ingestOf(all, 10_000);
  const million = ingestOf(all, 1_000_000);
  const fiveMillion = ingestOf(all, 5_000_000);
  const targets: { target: string; measured: string; met: boolean }[] = [];
  if (small) {
    targets.push({
      target: 'ingest ≥ 0.40 × raw parse, 10,000 rows',
      measured: `${fmt(small.ratioToRawParse, 2)} ×`,
      met: small.ratioToRawParse >= 0.4,
    });
  }
  if (million) {
    targets.push(
      {
        target: 'ingest ≥ 0.50 × raw parse, 1,000,000 rows',
        measured: `${fmt(million.ratioToRawParse, 2)} ×`,
        met: million.ratioToRawParse >= 0.5,
      },
      {
        target: 'peak RSS ≤ 256 MB, 1,000,000 rows',
        measured: `${fmt(million.peakRssMb)} MB`,
        met: million.peakRssMb <= 256,
      },
    );
  }
  if (million && fiveMillion) {
    const growth = fiveMillion.peakRssMb / million.peakRssMb - 1;
    targets.push({
      target: 'peak RSS at 5,000,000 rows ≤ 1.20 × at 1,000,000',
      measured: `${growth >= 0 ? '+' : ''}${fmt(growth * 100, 1)} %`,
      met: growth <= 0.2,
    });
  }
  return targets;
};

const targets = targetsOf(results);
// Not a target: what one thread could reach with no validation at all.
const ceiling = results.find(
  (r) =>
    r.path === 'parse-and-write' &&
    r.file === ingestOf(results, 1_000_000)?.file,
);
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
if (opts.json) {
  process.stdout.write(
    `${JSON.stringify({ machine, results, targets }, null, 2)}\n`,
  );
} else {
  process.stdout.write(`\n${machine}\n`);
  printTable(results);
  if (targets.length > 0) process.stdout.write('\n');
  for (const t of targets) {
    process.stdout.write(
      `${t.met ? 'met    ' : 'NOT MET'}  ${t.target}: ${t.measured}\n`,
    );
  }
  if (ceiling) {
    process.stdout.write(
      `bound    one thread, papaparse + the ingest's CSV writer alone (no validation), 1,000,000 rows: ${fmt(ceiling.ratioToRawParse, 2)} ×\n`,
    );
  }
}
