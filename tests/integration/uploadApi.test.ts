import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashToken } from '../../functions/shared/accessTokens.js';
import { ENV } from '../../functions/shared/resources.js';
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
const IN_A_YEAR = new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString();

/** Stores a token valid for a year unless told otherwise. */
const storeToken = (
  token: string,
  unitCode: string,
  more: { label?: string; expiresAt?: string; datasets?: string[] } = {},
) =>
  resources.table.putToken({
    hash: hashToken(token),
    unitCode,
    label: more.label ?? 'test',
    createdAt: '2023-10-01T00:00:00Z',
    expiresAt: more.expiresAt ?? IN_A_YEAR,
    ...(more.datasets && { datasets: more.datasets }),
  });

/** Runs the `opendata` CLI against the test's table and buckets. */
const opendata = (args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'cli/opendata.ts', ...args], {
    timeout: 60_000,
    env: { ...process.env, ...resources.env },
  });
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

/** The API's log lines (JSON on stdout), kept off the terminal. */
const logLines: string[] = [];

beforeAll(async () => {
  resources = await useLocalResources('it-upload-api');
  // The logger reads its level once, when the handler module loads.
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    logLines.push(String(chunk));
    return true;
  });
  const { handler } = await import('../../functions/upload-api/handler.js');
  server = await serveFunctionUrl(handler);
  const address = server.address();
  api = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  await storeToken(VIETTEL_TOKEN, 'VIETTEL');
  await storeToken(VNPT_TOKEN, 'VNPT');
});

afterAll(() => {
  vi.restoreAllMocks();
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

/** Uploads bytes with the fields of a presigned POST, as a browser form would. */
const postUpload = (
  grant: Record<string, unknown>,
  bytes: Buffer,
): Promise<Response> => {
  const form = new FormData();
  for (const [name, value] of Object.entries(
    grant.fields as Record<string, string>,
  )) {
    form.append(name, value);
  }
  form.append('file', new Blob([bytes], { type: 'text/csv' }), 'upload.csv');
  return fetch(String(grant.uploadUrl), { method: 'POST', body: form });
};

describe('upload API', () => {
  it('gives a unit a presigned POST for exactly its own submission key', async () => {
    const bytes = readFileSync(FILE);

    const grant = await ask(VIETTEL_TOKEN, {
      period: '2023-Q3',
      dataset: 'chi-tieu-cds',
    });
    const upload = await postUpload(grant.body, bytes);

    expect(grant.status).toBe(201);
    expect(grant.body).toMatchObject({
      key: 'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv',
      method: 'POST',
      uploadUrl: `${resources.env[ENV.s3Endpoint]}/${resources.env[ENV.ingestBucket]}`,
      reportUrl: '/reports/VIETTEL/2023-Q3/chi-tieu-cds',
      expiresIn: 300,
      maxBytes: 2 * 1024 ** 3,
    });
    expect(upload.status).toBe(204);
    expect(await resources.ingest.getText(grant.body.key ?? '')).toBe(
      bytes.toString('utf8'),
    );
  });

  // s3rver does not check POST policies (a forged one is accepted locally),
  // so the bounds are checked on the signed policy itself: AWS refuses any
  // other key, content type or a file over the limit (EntityTooLarge).
  it('signs a policy for one key, CSV, at most the ingest limit, for five minutes', async () => {
    const grant = await ask(VIETTEL_TOKEN, {
      period: '2023-Q3',
      dataset: 'chi-tieu-cds',
    });
    const fields = grant.body.fields as unknown as Record<string, string>;

    const policy = JSON.parse(
      Buffer.from(fields.Policy ?? '', 'base64').toString('utf8'),
    );
    const signedAt = (fields['x-amz-date'] ?? '').replace(
      /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/,
      '$1-$2-$3T$4:$5:$6Z',
    );

    expect(policy.conditions).toEqual([
      { bucket: resources.env[ENV.ingestBucket] },
      { key: 'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv' },
      { 'Content-Type': 'text/csv' },
      { 'x-amz-algorithm': 'AWS4-HMAC-SHA256' },
      { 'x-amz-credential': fields['x-amz-credential'] },
      { 'x-amz-date': fields['x-amz-date'] },
      ['content-length-range', 1, 2 * 1024 ** 3],
    ]);
    expect(Date.parse(policy.expiration) - Date.parse(signedAt)).toBe(300_000);
    expect(fields['X-Amz-Signature']).toMatch(/^[0-9a-f]{64}$/);
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
    const token = `${error}-token`;
    await storeToken(
      token,
      error === 'unit-not-valid-for-period' ? '405' : 'VIETTEL',
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

/** POSTs a raw body to /submissions with a valid token. */
const postRaw = async (body: string) => {
  const response = await fetch(`${api}/submissions`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${VIETTEL_TOKEN}`,
      'content-type': 'application/json',
    },
    body,
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, string>,
  };
};

describe('upload API on malformed requests', () => {
  it.each([
    [
      'null',
      'null',
      'invalid-body',
      'Nội dung yêu cầu phải là một đối tượng JSON, không phải null',
      'The request body must be a JSON object, not null',
    ],
    [
      '[]',
      '[]',
      'invalid-body',
      'Nội dung yêu cầu phải là một đối tượng JSON, không phải array',
      'The request body must be a JSON object, not array',
    ],
    [
      'a form-encoded body',
      'period=2023-Q3',
      'invalid-body',
      'Nội dung yêu cầu không phải JSON',
      'The request body is not JSON',
    ],
    [
      'a 5,052-byte body',
      `{"period":"2023-Q3","dataset":"chi-tieu-cds","x":"${'a'.repeat(5000)}"}`,
      'body-too-large',
      'Nội dung yêu cầu dài 5052 byte, vượt giới hạn 4096 byte',
      'The request body is 5052 bytes, over the 4096-byte limit',
    ],
    [
      'a number for the period',
      '{"period":2023,"dataset":"chi-tieu-cds"}',
      'invalid-body',
      'Trường "period" phải là một chuỗi không rỗng (nhận được number)',
      'Field "period" must be a non-empty string (got number)',
    ],
    [
      'a misspelt field',
      '{"period":"2023-Q3","datset":"chi-tieu-cds"}',
      'invalid-body',
      'Trường không được hỗ trợ: "datset"; chỉ dùng unit, period, dataset, format',
      'Unsupported field(s): "datset"; use only unit, period, dataset, format',
    ],
  ])(
    'answers 400 to %s, with the reason',
    async (_name, body, error, vietnamese, english) => {
      const answer = await postRaw(body);

      expect(answer).toEqual({
        status: 400,
        body: { error, message: vietnamese, messageEn: english },
      });
    },
  );

  it('answers 400 to a POST without a body', async () => {
    const response = await fetch(`${api}/submissions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${VIETTEL_TOKEN}` },
    });

    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe(
      'invalid-body',
    );
  });
});

describe('upload API tokens', () => {
  it('refuses an expired token with 401 and says it expired', async () => {
    await storeToken('expired-token', 'VIETTEL', {
      expiresAt: '2024-01-01T00:00:00.000Z',
    });

    const answer = await ask('expired-token', {
      period: '2023-Q3',
      dataset: 'chi-tieu-cds',
    });

    expect(answer).toEqual({
      status: 401,
      body: {
        error: 'unauthorized',
        message:
          'Mã truy cập đã hết hạn: đề nghị cán bộ quản lý dữ liệu cấp mã mới',
        messageEn:
          'The access token has expired: ask the data steward for a new one',
      },
    });
  });

  it('refuses a dataset outside the token scope with 403, for uploads and reports', async () => {
    await storeToken('scoped-token', 'VIETTEL', {
      datasets: ['ha-tang-vien-thong'],
    });

    const allowed = await ask('scoped-token', {
      period: '2023-Q3',
      dataset: 'ha-tang-vien-thong',
    });
    const upload = await ask('scoped-token', {
      period: '2023-Q3',
      dataset: 'chi-tieu-cds',
    });
    const report = await call(
      '/reports/VIETTEL/2023-Q3/chi-tieu-cds',
      'scoped-token',
    );

    expect(allowed.status).toBe(201);
    expect(upload).toEqual({
      status: 403,
      body: {
        error: 'forbidden-dataset',
        message:
          'Mã truy cập này chỉ dùng cho các bộ dữ liệu ha-tang-vien-thong, không dùng cho "chi-tieu-cds"',
        messageEn:
          'This token is only for the datasets ha-tang-vien-thong, not for "chi-tieu-cds"',
      },
    });
    expect(report.status).toBe(403);
  });

  it('makes the next call with a token revoked by opendata token revoke a 401', async () => {
    const created = await opendata([
      'token',
      'create',
      '--unit',
      'VIETTEL',
      '--label',
      'Viettel revoke test',
      '--datasets',
      'chi-tieu-cds',
      '--expires',
      '30d',
    ]);
    const token = created.stdout.trim();
    const before = await ask(token, {
      period: '2023-Q3',
      dataset: 'chi-tieu-cds',
    });

    const revoked = await opendata(['token', 'revoke', 'Viettel revoke test']);
    const after = await ask(token, {
      period: '2023-Q3',
      dataset: 'chi-tieu-cds',
    });

    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(before.status).toBe(201);
    expect(revoked.stdout).toBe(
      `đã thu hồi / revoked: ${hashToken(token).slice(0, 12)} VIETTEL Viettel revoke test\n`,
    );
    expect(after).toEqual({
      status: 401,
      body: {
        error: 'unauthorized',
        message:
          'Mã truy cập đã bị thu hồi: đề nghị cán bộ quản lý dữ liệu cấp mã mới',
        messageEn:
          'The access token was revoked: ask the data steward for a new one',
      },
    });
  });

  it('lists tokens with their prefix, scope, expiry and state, never the token', async () => {
    const created = await opendata([
      'token',
      'create',
      '--unit',
      'VNPT',
      '--label',
      'VNPT list test',
      '--expires',
      '2099-12-31',
    ]);
    const token = created.stdout.trim();
    const prefix = hashToken(token).slice(0, 12);
    await opendata(['token', 'revoke', prefix]);

    const listed = await opendata(['token', 'list', '--format', 'json']);
    const entries = JSON.parse(listed.stdout) as Record<string, unknown>[];
    const table = (await opendata(['token', 'list'])).stdout.split('\n');

    expect(entries.find((entry) => entry.prefix === prefix)).toEqual({
      prefix,
      unit: 'VNPT',
      label: 'VNPT list test',
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      expiresAt: '2099-12-31T23:59:59.999Z',
      datasets: null,
      revokedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      state: 'revoked',
    });
    expect(
      entries.find((entry) => entry.label === 'Viettel revoke test'),
    ).toMatchObject({ datasets: ['chi-tieu-cds'], state: 'revoked' });
    expect(listed.stdout).not.toContain(token);
    expect(table[0]).toMatch(
      /^prefix\s+unit\s+label\s+created\s+expires\s+datasets\s+state$/,
    );
    expect(table.find((line) => line.startsWith(prefix))).toMatch(
      new RegExp(
        `^${prefix}\\s+VNPT\\s+VNPT list test\\s+\\d{4}-\\d{2}-\\d{2}\\s+2099-12-31\\s+\\*\\s+revoked$`,
      ),
    );
  });

  it('refuses token create with an unknown dataset or a past expiry (exit 2)', async () => {
    const failures = await Promise.all(
      [
        ['--datasets', 'tong-hop-chi-tieu-cds'],
        ['--expires', '2020-01-01'],
      ].map((extra) =>
        opendata(['token', 'create', '--unit', 'VNPT', ...extra]).catch(
          (error: { code: number; stderr: string }) => error,
        ),
      ),
    );

    expect(failures.map((f) => 'code' in f && f.code)).toEqual([2, 2]);
  });

  it("names the token's label in every log line of its request", async () => {
    const { handler } = await import('../../functions/upload-api/handler.js');
    const event = (path: string, token: string) =>
      ({
        version: '2.0',
        rawPath: path,
        headers: { authorization: `Bearer ${token}` },
        requestContext: { http: { method: 'GET', path } },
      }) as never;
    logLines.length = 0;

    await handler(
      event('/reports/VIETTEL/2023-Q3/chi-tieu-cds', VIETTEL_TOKEN),
      localContext('upload-api'),
    );
    await handler(
      event('/reports/VIETTEL/2023-Q3/chi-tieu-cds', 'unknown-token'),
      localContext('upload-api'),
    );

    const logged = logLines
      .flatMap((line) => line.split('\n'))
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged.map((line) => [line.status, line.tokenLabel])).toEqual([
      [expect.any(Number), 'test'],
      [401, undefined],
    ]);
    expect(logged[0]).toMatchObject({
      tokenPrefix: hashToken(VIETTEL_TOKEN).slice(0, 12),
      unit: 'VIETTEL',
    });
  });
});
