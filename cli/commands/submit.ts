import { readFileSync, statSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { expiryFrom, hashToken } from '../../functions/shared/accessTokens.js';
import { createRuntime } from '../../functions/shared/aws/runtime.js';
import { ENV } from '../../functions/shared/resources.js';
import { sniffContent } from '../../functions/shared/xlsx/sniffContent.js';
import { serveFunctionUrl } from '../../local/localApi.js';
import { startLocalAws } from '../../local/localAws.js';
import {
  createLocalChain,
  localChainHandlers,
} from '../../local/localChain.js';
import { connectIngest } from '../../local/localIngest.js';
import { multipartUpload } from '../multipartUpload.js';
import { createProgress } from '../progress.js';
import { newToken } from './token.js';

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
  /** `json`: stdout carries exactly the report JSON (issue #14). */
  readonly format?: 'text' | 'json';
}

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
  const grant = (await asked.json()) as Record<string, string> & {
    fields?: Record<string, string>;
    maxBytes?: number;
  };
  if (!asked.ok) {
    io.err.write(
      `Bị từ chối / refused (${asked.status}): ${grant.message}\n  ${grant.messageEn}\n`,
    );
    return 1;
  }
  const bytes = readFileSync(file);
  if (grant.maxBytes !== undefined && bytes.length > grant.maxBytes) {
    io.err.write(
      `Tệp ${bytes.length} byte vượt giới hạn ${grant.maxBytes} byte: hãy tách tệp / the file is ${bytes.length} bytes, over the ${grant.maxBytes}-byte limit: split it\n`,
    );
    return 1;
  }
  const progress = createProgress(io.err, 'Đang tải lên / uploading');
  const form = multipartUpload(
    grant.fields ?? {},
    { path: file, bytes },
    (sent, total) => progress.update(sent, total, 'bytes'),
  );
  const put = await fetch(grant.uploadUrl ?? '', {
    method: 'POST',
    headers: form.headers,
    body: form.body,
    duplex: 'half',
  } as RequestInit);
  progress.finish();
  if (!put.ok) {
    const code = /<Code>([^<]*)<\/Code>/.exec(await put.text())?.[1];
    io.err.write(
      `Tải lên thất bại / upload failed: HTTP ${put.status}${code ? ` ${code}` : ''}\n`,
    );
    return 1;
  }
  const json = options.format === 'json';
  (json ? io.err : io.out).write(
    `Đã tải lên / uploaded: ${grant.key}\nBáo cáo / report: ${api}${grant.reportUrl}\n`,
  );
  await settled();
  for (let waited = 0; waited <= options.wait; waited++) {
    const answer = await fetch(`${api}${grant.reportUrl}`, { headers: auth });
    const report = (await answer.json()) as Record<string, string>;
    if (answer.status === 200) {
      const url = json ? report.reportJsonUrl : report.reportTextUrl;
      const text = await (await fetch(url ?? '')).text();
      io.out.write(json ? text : `\n${text}`);
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
    const [{ handler: ingest }, { handler: uploadApi }, chainHandlers] =
      await Promise.all([
        import('../../functions/ingest-submission/handler.js'),
        import('../../functions/upload-api/handler.js'),
        localChainHandlers(),
      ]);
    const runtime = createRuntime(process.env);
    // As deployed: a rejected file gets its notice; an accepted one is
    // rolled up with the quarters after it and published, no command typed.
    const chain = createLocalChain({
      ...chainHandlers,
      requests: runtime.rollupRequests,
      listLedger: runtime.table.listLedger,
    });
    const link = connectIngest(
      aws,
      runtime.bucket(ENV.ingestBucket).bucket,
      ingest,
      undefined,
      { afterIngest: chain.run },
    );
    const server = await serveFunctionUrl(uploadApi);
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const token = options.token ?? newToken();
    if (!options.token) {
      const now = new Date();
      await runtime.table.putToken({
        hash: hashToken(token),
        unitCode: options.unit,
        label: 'local',
        createdAt: now.toISOString(),
        expiresAt: expiryFrom('1d', now) ?? '',
      });
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

export { runSubmit, submitThroughApi };
