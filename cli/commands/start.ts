import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Writable } from 'node:stream';
import { createRuntime } from '../../functions/shared/aws/runtime.js';
import { ENV, SUBMISSION_FILTER } from '../../functions/shared/resources.js';
import { parseSubmissionKey } from '../../functions/shared/submissionKey.js';
import type { ValidationReport } from '../../functions/shared/validation/report.js';
import { startLocalAws } from '../../local/localAws.js';
import { createLocalChain } from '../../local/localChain.js';
import { connectIngest, localContext } from '../../local/localIngest.js';
import { loadReceivedManifest } from '../../local/receivedAt.js';
import { serveUntilInterrupted } from '../../local/serveDemo.js';
import { exportBucket } from '../../local/siteFiles.js';
import { createProgress } from '../progress.js';

/** Options of `opendata start`. */
export interface StartOptions {
  readonly submissions: string;
  readonly dataDir: string;
  readonly out?: string;
  readonly fresh: boolean;
  readonly serve: boolean;
  readonly port: number;
}

interface Io {
  readonly out: Writable;
  readonly err: Writable & { isTTY?: boolean };
}

const listCsvFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith('.csv') && statSync(join(dir, p)).isFile())
    .map((p) => p.split(sep).join('/'))
    .sort();

const md5 = (body: Buffer) => createHash('md5').update(body).digest('hex');

const periodOfKey = (key: string) => parseSubmissionKey(key)?.period;

/**
 * `opendata start`: runs the whole pipeline locally — local S3 and DynamoDB,
 * upload of every submission, ingestion through the real handler, rollup of
 * each period, publication — prints a summary and stops the servers.
 */
const runStart = async (options: StartOptions, io: Io): Promise<number> => {
  const submissionsDir = resolve(options.submissions);
  const files = listCsvFiles(submissionsDir);
  io.err.write(
    `Khởi động AWS cục bộ / starting local AWS in ${relative(process.cwd(), resolve(options.dataDir)) || '.'}${options.fresh ? ' (fresh)' : ''}…\n`,
  );
  const aws = await startLocalAws({
    dataDir: options.dataDir,
    fresh: options.fresh,
  });
  Object.assign(process.env, aws.env);
  try {
    const [
      { handler: ingest },
      { handler: rollup },
      { handler: publish },
      { handler: remind },
    ] = await Promise.all([
      import('../../functions/ingest-submission/handler.js'),
      import('../../functions/quarterly-rollup/handler.js'),
      import('../../functions/publish-datasets/handler.js'),
      import('../../functions/send-reminders/handler.js'),
    ]);
    const runtime = createRuntime(process.env);
    const ingestBucket = runtime.bucket(ENV.ingestBucket);
    const curated = runtime.bucket(ENV.curatedBucket);
    /** The deployed stack's after-ingest chain, on the local handlers. */
    const chain = (options: { noticesOnly?: boolean } = {}) =>
      createLocalChain({
        requests: runtime.rollupRequests,
        listLedger: runtime.table.listLedger,
        rollup,
        publish,
        remind,
        ...options,
      }).run;

    const failures: string[] = [];
    let processed = 0;
    const processing = createProgress(io.err, 'Đã xử lý / processed');
    const link = connectIngest(
      aws,
      ingestBucket.bucket,
      ingest,
      (key, error) => {
        processed++;
        if (error) failures.push(`${key}: ${String(error)}`);
        processing.update(processed, files.length, key);
      },
      {
        // The fixtures carry the dates they were received, so the ledger
        // shows on-time and late as the province lived it.
        receivedAt: loadReceivedManifest(submissionsDir),
        // Rejected files get their notice, as the deployed stack sends it;
        // the rollups and publication follow below, once, for every period.
        afterIngest: chain({ noticesOnly: true }),
      },
    );

    const uploading = createProgress(io.err, 'Đã tải lên / uploaded');
    const keys: string[] = [];
    let unchanged = 0;
    for (const [index, file] of files.entries()) {
      const key = `${SUBMISSION_FILTER.prefix}${file}`;
      const body = readFileSync(join(submissionsDir, file));
      keys.push(key);
      // A file already in the bucket with the same content is not a new
      // submission: re-running start must not make new versions.
      if ((await ingestBucket.etagOf(key)) === md5(body)) {
        unchanged++;
        processed++;
      } else {
        await ingestBucket.put(key, body, 'text/csv');
      }
      uploading.update(index + 1, files.length, key);
    }
    uploading.finish();
    if (unchanged > 0) {
      io.err.write(
        `${unchanged} tệp không đổi, không tải lại / unchanged files not uploaded again\n`,
      );
    }
    await link.idle();
    processing.finish();
    link.disconnect();

    const periods = new Set(
      keys.map(periodOfKey).filter((p) => p !== undefined),
    );
    for (const schema of runtime.catalogue.schemas.values()) {
      if (schema['x-dataset'].kind !== 'submission') continue;
      for (const p of await runtime.table.listPeriods(schema['x-dataset'].id)) {
        periods.add(p);
      }
    }
    const rollups = [];
    for (const period of [...periods].sort()) {
      rollups.push(await rollup({ period }, localContext('quarterly-rollup')));
    }
    const published = await publish({}, localContext('publish-datasets'));
    // Today's deadline reminders, as the daily schedule sends them.
    await remind({}, localContext('send-reminders'));

    const reports = await latestReports(runtime, curated, keys);
    printSummary(io.out, { reports, rollups, published, failures, options });

    if (options.out || options.serve) {
      const siteDir = resolve(options.out ?? join(options.dataDir, 'site'));
      const count = await exportBucket(
        runtime.bucket(ENV.publicBucket),
        siteDir,
      );
      io.out.write(
        `\nTrang dữ liệu / site: ${count} tệp / files in ${siteDir}\n`,
      );
      if (options.serve) {
        // Local AWS stays up: uploads made on the page are ingested, rolled up and republished.
        await serveUntilInterrupted(aws, runtime, {
          ingest,
          afterIngest: chain(),
          port: options.port,
          out: io.out,
        });
        return failures.length > 0 ? 1 : 0;
      }
    }
    return failures.length > 0 ? 1 : 0;
  } finally {
    await aws.stop().catch(() => undefined);
  }
};

type Runtime = ReturnType<typeof createRuntime>;

/** The newest report of each uploaded key, from the ledger. */
const latestReports = async (
  runtime: Runtime,
  curated: ReturnType<Runtime['bucket']>,
  keys: readonly string[],
): Promise<ValidationReport[]> => {
  const wanted = new Set(keys);
  const periods = new Set([...keys.map((k) => periodOfKey(k) ?? '-'), '-']);
  const newest = new Map<string, { order: string; reportKey: string }>();
  for (const period of periods) {
    for (const item of await runtime.table.listLedger(period)) {
      const seen = newest.get(item.key);
      if (wanted.has(item.key) && (!seen || seen.order <= item.order)) {
        newest.set(item.key, { order: item.order, reportKey: item.reportKey });
      }
    }
  }
  const reports: ValidationReport[] = [];
  for (const key of keys) {
    const entry = newest.get(key);
    if (entry) {
      reports.push(JSON.parse(await curated.getText(entry.reportKey)));
    }
  }
  return reports;
};

const MARK = { accepted: '✓', 'accepted-with-warnings': '!', rejected: '✗' };

const printSummary = (
  out: Writable,
  data: {
    reports: ValidationReport[];
    rollups: {
      period: string;
      datasets: { datasetId: string; rows: number; units: number }[];
    }[];
    published: { datasets: { datasetId: string; rows: number }[] };
    failures: string[];
    options: StartOptions;
  },
) => {
  const { reports, rollups, published, failures } = data;
  const count = (s: string) => reports.filter((r) => r.status === s).length;
  const lines = [
    '',
    `Báo cáo nộp / Submissions: ${reports.length} · chấp nhận / accepted ${count('accepted') + count('accepted-with-warnings')} · từ chối / rejected ${count('rejected')}`,
  ];
  for (const r of reports) {
    lines.push(
      `  ${MARK[r.status]} ${r.submission.key}  ${r.status}  ${r.stats.rows} dòng/rows`,
    );
    for (const e of r.errors.slice(0, 3)) {
      const where = [
        e.rowNumber !== undefined ? `dòng/line ${e.rowNumber}` : '',
        e.fieldName ? `cột/column ${e.fieldName}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      lines.push(`      ${e.type}${where ? ` (${where})` : ''}: ${e.message}`);
      lines.push(`        ${e.messageEn}`);
    }
  }
  lines.push('', 'Tổng hợp / Rollups:');
  for (const r of rollups) {
    for (const d of r.datasets) {
      if (d.units === 0) continue;
      lines.push(
        `  ${r.period} → ${d.datasetId}: ${d.rows} dòng/rows từ/from ${d.units} đơn vị/units`,
      );
    }
  }
  lines.push('', 'Đã công bố / Published:');
  for (const d of published.datasets) {
    lines.push(
      `  datasets/${d.datasetId}/ — ${d.rows} dòng/rows (CSV, JSON, XLSX, datapackage.json, releases)`,
    );
  }
  if (failures.length > 0) {
    lines.push('', 'Lỗi hệ thống / Faults:', ...failures.map((f) => `  ${f}`));
  }
  lines.push(
    '',
    `Báo cáo kiểm tra / validation reports: ${join(data.options.dataDir, 's3', 'thanhhoa-curated', 'submissions')} (report.txt, report.json)`,
  );
  out.write(`${lines.join('\n')}\n`);
};

export { runStart };
