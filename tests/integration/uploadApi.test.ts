import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '../../functions/shared/resources.js';
import { hashToken } from '../../functions/upload-api/uploadApi.js';
import { serveFunctionUrl } from '../../local/localApi.js';
import { localContext } from '../../local/localIngest.js';
import { FIXTURES_DIR } from '../helpers/catalogue.js';
import { sqsEventFor, useLocalResources } from '../helpers/localResources.js';

const run = promisify(execFile);
let resources: Awaited<ReturnType<typeof useLocalResources>>;
let server: Server;
let api: string;
const VIETTEL_TOKEN = 'viettel-secret-token';
const VNPT_TOKEN = 'vnpt-secret-token';
const FILE = join(
  FIXTURES_DIR,
  'submissions',
  'VIETTEL',
  '2023-Q3',
  'chi-tieu-cds.csv',
);

/** `opendata submit` of VIETTEL's 2023-Q3 fixture, with the given options. */
const submitFixture = (options: string[], timeout: number) =>
  run(
    process.execPath,
    [
      '--import',
      'tsx',
      'cli/opendata.ts',
      'submit',
      FILE,
      '--unit',
      'VIETTEL',
      '--period',
      '2023-Q3',
      '--dataset',
      'chi-tieu-cds',
      ...options,
    ],
    { timeout },
  );

beforeAll(async () => {
  resources = await useLocalResources('it-upload-api');
  const { handler } = await import('../../functions/upload-api/handler.js');
  server = await serveFunctionUrl(handler);
  const address = server.address();
  api = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  await resources.table.putToken(
    hashToken(VIETTEL_TOKEN),
    'VIETTEL',
    'test',
    '2023-10-01T00:00:00Z',
  );
  await resources.table.putToken(
    hashToken(VNPT_TOKEN),
    'VNPT',
    'test',
    '2023-10-01T00:00:00Z',
  );
});

afterAll(() => {
  server.close();
});

const call = async (
  path: string,
  token: string | undefined,
  body?: unknown,
) => {
  const response = await fetch(`${api}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token && { authorization: `Bearer ${token}` }),
      'content-type': 'application/json',
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, string>,
  };
};

const ask = (token: string | undefined, body: Record<string, string>) =>
  call('/submissions', token, body);

describe('upload API', () => {
  it('gives a unit a presigned PUT for exactly its own submission key', async () => {
    const bytes = readFileSync(FILE);

    const grant = await ask(VIETTEL_TOKEN, {
      period: '2023-Q3',
      dataset: 'chi-tieu-cds',
    });
    const put = await fetch(grant.body.uploadUrl ?? '', {
      method: 'PUT',
      headers: { 'content-type': 'text/csv' },
      body: bytes,
    });

    expect(grant.status).toBe(201);
    expect(grant.body).toMatchObject({
      key: 'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv',
      reportUrl: '/reports/VIETTEL/2023-Q3/chi-tieu-cds',
      expiresIn: 900,
    });
    expect(put.status).toBe(200);
    expect(await resources.ingest.getText(grant.body.key ?? '')).toBe(
      bytes.toString('utf8'),
    );
  });

  // s3rver does not verify presigned signatures (a forged path is accepted
  // locally), so the binding to one key is checked on the URL itself: SigV4
  // signs the path, and AWS refuses any other key.
  it('signs the upload URL for exactly one key, for a limited time', async () => {
    const grant = await ask(VIETTEL_TOKEN, {
      period: '2023-Q3',
      dataset: 'chi-tieu-cds',
    });

    const url = new URL(grant.body.uploadUrl ?? '');

    expect(url.pathname).toBe(
      `/${resources.env[ENV.ingestBucket]}/submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv`,
    );
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses unit A a URL for unit B's key, with a clear message", async () => {
    const answer = await ask(VIETTEL_TOKEN, {
      unit: 'VNPT',
      period: '2023-Q3',
      dataset: 'chi-tieu-cds',
    });

    expect(answer).toEqual({
      status: 403,
      body: {
        error: 'forbidden-unit',
        message:
          'Mã truy cập của đơn vị VIETTEL không được dùng cho đơn vị VNPT: mỗi đơn vị chỉ nộp và xem báo cáo của mình',
        messageEn:
          'The token of unit VIETTEL cannot act for unit VNPT: each unit submits and reads only its own reports',
      },
    });
  });

  it("refuses unit A unit B's report", async () => {
    const answer = await call(
      '/reports/VIETTEL/2023-Q3/chi-tieu-cds',
      VNPT_TOKEN,
    );

    expect(answer.status).toBe(403);
    expect(answer.body.error).toBe('forbidden-unit');
  });

  it.each([
    [undefined, 401, 'unauthorized'],
    ['wrong-token', 401, 'unauthorized'],
  ])('refuses token %s with %i', async (token, status, error) => {
    const answer = await ask(token, {
      period: '2023-Q3',
      dataset: 'chi-tieu-cds',
    });

    expect(answer.status).toBe(status);
    expect(answer.body.error).toBe(error);
  });

  it.each([
    [{ period: '2023-Q5', dataset: 'chi-tieu-cds' }, 'invalid-period'],
    [
      { period: '2023-Q3', dataset: 'tong-hop-chi-tieu-cds' },
      'unknown-dataset',
    ],
    [
      { period: '2025-Q3', dataset: 'chi-tieu-cds' },
      'unit-not-valid-for-period',
    ],
  ])('refuses %j as %s', async (body, error) => {
    const token = 'district-405-token';
    await resources.table.putToken(
      hashToken(token),
      error === 'unit-not-valid-for-period' ? '405' : 'VIETTEL',
      'test',
      '2023-10-01T00:00:00Z',
    );

    const answer = await ask(token, body);

    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe(error);
  });

  it('gives the report link once the upload is ingested', async () => {
    const pending = await call(
      '/reports/VNPT/2023-Q3/chi-tieu-cds',
      VNPT_TOKEN,
    );
    const bytes = readFileSync(FILE);
    const { handler: ingest } = await import(
      '../../functions/ingest-submission/handler.js'
    );
    await ingest(
      sqsEventFor({
        bucket: resources.env[ENV.ingestBucket] ?? '',
        key: 'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv',
        size: bytes.length,
        eTag: createHash('md5').update(bytes).digest('hex'),
        sequencer: '0000000000000001',
      }),
      localContext('ingest'),
    );

    const done = await call(
      '/reports/VIETTEL/2023-Q3/chi-tieu-cds',
      VIETTEL_TOKEN,
    );
    const report = await (await fetch(done.body.reportJsonUrl ?? '')).json();

    expect(pending.status).toBe(404);
    expect(done.body).toMatchObject({
      state: 'done',
      status: 'accepted',
      rows: 2,
    });
    expect(report).toMatchObject({
      status: 'accepted',
      submission: { unitCode: 'VIETTEL' },
    });
  });

  it("makes opendata submit print the refusal when the token is another unit's", async () => {
    const result = await submitFixture(
      ['--api-url', api, '--token', VNPT_TOKEN],
      60_000,
    ).catch((error: { code: number; stderr: string }) => error);

    expect('code' in result && result.code).toBe(1);
    expect('stderr' in result && result.stderr).toContain(
      'Bị từ chối / refused (403): Mã truy cập của đơn vị VNPT không được dùng cho đơn vị VIETTEL',
    );
  });

  it('makes opendata submit upload a fixture through the local API and print its report link and report', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'opendata-submit-'));

    const { stdout } = await submitFixture(['--data-dir', dataDir], 120_000);
    rmSync(dataDir, { recursive: true, force: true });

    expect(stdout).toContain(
      'Đã tải lên / uploaded: submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv',
    );
    expect(stdout).toMatch(
      /Báo cáo \/ report: http:\/\/127\.0\.0\.1:\d+\/reports\/VIETTEL\/2023-Q3\/chi-tieu-cds/,
    );
    expect(stdout).toContain('Kết quả / Result: ĐƯỢC CHẤP NHẬN / ACCEPTED');
  });
});
