import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRuntime } from '../../functions/shared/aws/runtime.js';
import { ENV } from '../../functions/shared/resources.js';
import { sniffContent } from '../../functions/shared/xlsx/sniffContent.js';
import { contentTypeOfKey } from '../../functions/shared/xlsx/submissionFormats.js';
import { hashToken } from '../../functions/upload-api/uploadApi.js';
import { serveFunctionUrl } from '../../local/localApi.js';
import { startLocalAws } from '../../local/localAws.js';
import { connectIngest } from '../../local/localIngest.js';
import { withBackend } from '../backend.js';
import { createProgress } from '../progress.js';

interface Io {
  readonly out: Writable;
  readonly err: Writable & { isTTY?: boolean };
}

/** Options of `opendata submit`. */
export interface SubmitOptions {
  readonly unit: string;
  readonly period: string;
  readonly dataset: string;
  readonly apiUrl?: string;
  readonly token?: string;
  readonly dataDir: string;
  readonly wait: number;
}

/** A new agency token: 32 random bytes, URL-safe. */
const newToken = () => randomBytes(32).toString('base64url');

/** Streams the file in slices so the progress bar moves as bytes leave. */
const bodyWithProgress = (file: string, onBytes: (sent: number) => void) => {
  const bytes = readFileSync(file);
  const slice = 256 * 1024;
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes.length) {
        controller.close();
        return;
      }
      const part = bytes.subarray(sent, sent + slice);
      sent += part.length;
      onBytes(sent);
      controller.enqueue(part);
    },
  });
};

/** The agency side of a submission: ask the API for an upload URL, upload, fetch the report. */
const submitThroughApi = async (
  file: string,
  options: SubmitOptions & { apiUrl: string; token: string },
  io: Io,
  settled: () => Promise<void> = async () => {},
): Promise<number> => {
  const api = options.apiUrl.replace(/\/$/, '');
  const auth = { authorization: `Bearer ${options.token}` };
  const asked = await fetch(`${api}/submissions`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({
      unit: options.unit,
      period: options.period,
      dataset: options.dataset,
      // The content decides: a ZIP archive goes up as a workbook.
      format:
        sniffContent(readFileSync(file).subarray(0, 8)) === 'zip'
          ? 'xlsx'
          : 'csv',
    }),
  });
  const grant = (await asked.json()) as Record<string, string>;
  if (!asked.ok) {
    io.err.write(
      `Bị từ chối / refused (${asked.status}): ${grant.message}\n  ${grant.messageEn}\n`,
    );
    return 1;
  }
  const size = statSync(file).size;
  const progress = createProgress(io.err, 'Đang tải lên / uploading');
  const put = await fetch(grant.uploadUrl ?? '', {
    method: 'PUT',
    headers: {
      'content-type': contentTypeOfKey(grant.key ?? ''),
      'content-length': String(size),
    },
    body: bodyWithProgress(file, (sent) =>
      progress.update(sent, size, 'bytes'),
    ),
    duplex: 'half',
  } as RequestInit);
  progress.finish();
  if (!put.ok) {
    io.err.write(`Tải lên thất bại / upload failed: HTTP ${put.status}\n`);
    return 1;
  }
  io.out.write(
    `Đã tải lên / uploaded: ${grant.key}\nBáo cáo / report: ${api}${grant.reportUrl}\n`,
  );
  await settled();
  for (let waited = 0; waited <= options.wait; waited++) {
    const answer = await fetch(`${api}${grant.reportUrl}`, { headers: auth });
    const report = (await answer.json()) as Record<string, string>;
    if (answer.status === 200) {
      const text = await (await fetch(report.reportTextUrl ?? '')).text();
      io.out.write(`\n${text}`);
      return report.status === 'rejected' ? 1 : 0;
    }
    if (answer.status !== 404) {
      io.err.write(`${report.message}\n  ${report.messageEn}\n`);
      return 1;
    }
    await sleep(1000);
  }
  io.err.write(
    'Chưa có báo cáo sau thời gian chờ / no report yet: try the report link later\n',
  );
  return 1;
};

/**
 * `opendata submit`: uploads a file through the upload API. With
 * `--api-url` and `--token` it talks to a deployment; without, it runs the
 * API, S3, DynamoDB and the ingest function locally with a token for `--unit`.
 */
const runSubmit = async (
  file: string,
  options: SubmitOptions,
  io: Io,
): Promise<number> => {
  try {
    statSync(file);
  } catch {
    io.err.write(`Không đọc được tệp / cannot read file: ${file}\n`);
    return 2;
  }
  if (options.apiUrl) {
    if (!options.token) {
      io.err.write(
        'Cần --token cùng --api-url / --token is required with --api-url\n',
      );
      return 2;
    }
    return submitThroughApi(
      file,
      { ...options, apiUrl: options.apiUrl, token: options.token },
      io,
    );
  }
  const aws = await startLocalAws({ dataDir: options.dataDir });
  Object.assign(process.env, aws.env);
  try {
    const [{ handler: ingest }, { handler: uploadApi }] = await Promise.all([
      import('../../functions/ingest-submission/handler.js'),
      import('../../functions/upload-api/handler.js'),
    ]);
    const runtime = createRuntime(process.env);
    const link = connectIngest(
      aws,
      runtime.bucket(ENV.ingestBucket).bucket,
      ingest,
    );
    const server = await serveFunctionUrl(uploadApi);
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const token = options.token ?? newToken();
    if (!options.token) {
      await runtime.table.putToken(
        hashToken(token),
        options.unit,
        'local',
        new Date().toISOString(),
      );
      io.err.write(
        `(cục bộ / local) API http://127.0.0.1:${port}, mã truy cập / token cho ${options.unit}\n`,
      );
    }
    try {
      return await submitThroughApi(
        file,
        { ...options, apiUrl: `http://127.0.0.1:${port}`, token },
        io,
        () => link.idle(),
      );
    } finally {
      link.disconnect();
      server.close();
    }
  } finally {
    await aws.stop();
  }
};

/** `opendata token create`: a new agency token; only its hash is stored. */
const runTokenCreate = async (
  options: { unit: string; label: string; dataDir: string },
  io: Io,
): Promise<number> =>
  withBackend(options.dataDir, async (backend) => {
    const token = newToken();
    await backend.table.putToken(
      hashToken(token),
      options.unit,
      options.label,
      new Date().toISOString(),
    );
    io.out.write(`${token}\n`);
    io.err.write(
      `Mã truy cập cho ${options.unit} — chỉ hiển thị một lần, hãy gửi cho đơn vị qua kênh an toàn / token for ${options.unit}, shown once: send it over a safe channel\n`,
    );
    return 0;
  });

export { runSubmit, runTokenCreate, submitThroughApi };
