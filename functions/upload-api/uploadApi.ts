import { createHash } from 'node:crypto';
import type { SubmissionRecord } from '../shared/ledger/submissionLedger.js';
import { parsePeriod } from '../shared/period.js';
import type { Catalogue } from '../shared/schema/loadSchemas.js';
import { submissionKeyOf } from '../shared/submissionKey.js';
import {
  contentTypeOfKey,
  extensionOf,
} from '../shared/xlsx/submissionFormats.js';
import { statusRoute } from './statusRoute.js';
import { templateRoute } from './templateRoute.js';

/** An HTTP request as a Lambda function URL delivers it, reduced to what the API reads. */
export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body?: string;
}

/** An HTTP response for a Lambda function URL. */
export interface ApiResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** The body is base64 of binary content (a template workbook). */
  readonly isBase64Encoded?: boolean;
}

/** The ports of the upload API. */
export interface UploadApiDeps {
  readonly catalogue: Catalogue;
  findTokenUnit(tokenHash: string): Promise<string | undefined>;
  presignPut(key: string): Promise<string>;
  presignGet(key: string): Promise<string>;
  listUploads(
    period: string,
    datasetId: string,
    unitCode: string,
  ): Promise<SubmissionRecord[]>;
  readonly ttlSeconds: number;
}

const json = (statusCode: number, body: unknown): ApiResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(body),
});

const refuse = (statusCode: number, error: string, vi: string, en: string) =>
  json(statusCode, { error, message: vi, messageEn: en });

/** The SHA-256 of an agency token, as stored; tokens are never stored in clear. */
const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

const bearer = (headers: ApiRequest['headers']): string | undefined => {
  const value = headers.authorization ?? headers.Authorization;
  const match = /^Bearer\s+(\S+)$/i.exec(value ?? '');
  return match?.[1];
};

const otherUnit = (unit: string, caller: string) =>
  refuse(
    403,
    'forbidden-unit',
    `Mã truy cập của đơn vị ${caller} không được dùng cho đơn vị ${unit}: mỗi đơn vị chỉ nộp và xem báo cáo của mình`,
    `The token of unit ${caller} cannot act for unit ${unit}: each unit submits and reads only its own reports`,
  );

/** Checks what a caller asks for: a dataset agencies submit, a quarter, a unit in force then. */
const checkTarget = (
  deps: UploadApiDeps,
  unit: string,
  period: string,
  dataset: string,
): ApiResponse | undefined => {
  const p = parsePeriod(period);
  if (!p) {
    return refuse(
      400,
      'invalid-period',
      `Kỳ "${period}" không đúng dạng YYYY-Qn`,
      `Period "${period}" is not YYYY-Qn`,
    );
  }
  if (
    deps.catalogue.schemas.get(dataset)?.['x-dataset'].kind !== 'submission'
  ) {
    return refuse(
      400,
      'unknown-dataset',
      `Không có bộ dữ liệu "${dataset}"`,
      `There is no dataset "${dataset}"`,
    );
  }
  if (deps.catalogue.units.resolve(unit, p).status !== 'valid') {
    return refuse(
      400,
      'unit-not-valid-for-period',
      `Đơn vị ${unit} không có hiệu lực trong kỳ ${period}`,
      `Unit ${unit} is not in force in ${period}`,
    );
  }
  return undefined;
};

/**
 * The agencies' upload API: `POST /submissions` gives a presigned PUT URL
 * for exactly one submission key of the caller's unit and the link to its
 * report; `GET /reports/<unit>/<period>/<dataset>` gives the newest report
 * of the caller's own upload. The unit comes from the bearer token, so a
 * unit can neither upload as nor read the reports of another.
 */
const handleUploadApi = async (
  request: ApiRequest,
  deps: UploadApiDeps,
): Promise<ApiResponse> => {
  const token = bearer(request.headers);
  const caller = token && (await deps.findTokenUnit(hashToken(token)));
  if (!caller) {
    return refuse(
      401,
      'unauthorized',
      'Thiếu hoặc sai mã truy cập (Authorization: Bearer <mã>)',
      'Missing or wrong access token (Authorization: Bearer <token>)',
    );
  }

  if (request.method === 'POST' && request.path === '/submissions') {
    let body: {
      unit?: string;
      period?: string;
      dataset?: string;
      format?: string;
    };
    try {
      body = JSON.parse(request.body ?? '{}');
    } catch {
      return refuse(
        400,
        'invalid-body',
        'Nội dung yêu cầu không phải JSON',
        'The request body is not JSON',
      );
    }
    const unit = body.unit ?? caller;
    if (unit !== caller) return otherUnit(unit, caller);
    const period = String(body.period ?? '');
    const dataset = String(body.dataset ?? '');
    const invalid = checkTarget(deps, unit, period, dataset);
    if (invalid) return invalid;
    // A workbook is uploaded under .xlsx (`format: 'xlsx'`); the content still decides.
    const key = submissionKeyOf(
      unit,
      period,
      dataset,
      extensionOf(`.${body.format}`),
    );
    return json(201, {
      key,
      uploadUrl: await deps.presignPut(key),
      method: 'PUT',
      headers: { 'content-type': contentTypeOfKey(key) },
      expiresIn: deps.ttlSeconds,
      reportUrl: `/reports/${unit}/${period}/${dataset}`,
    });
  }

  const template = await templateRoute(
    request.method,
    request.path,
    caller,
    deps.catalogue,
  );
  if (template) return template;
  const status = await statusRoute(request.method, request.path, caller, deps);
  if (status) return status;

  const report = /^\/reports\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(request.path);
  if (request.method === 'GET' && report) {
    const [, unit = '', period = '', dataset = ''] = report;
    if (unit !== caller) return otherUnit(unit, caller);
    const invalid = checkTarget(deps, unit, period, dataset);
    if (invalid) return invalid;
    const newest = (await deps.listUploads(period, dataset, unit)).at(-1);
    if (!newest) {
      return json(404, {
        state: 'pending',
        message: 'Chưa có báo cáo: tệp chưa được tải lên hoặc đang được xử lý',
        messageEn:
          'No report yet: the file was not uploaded or is still being processed',
      });
    }
    return json(200, {
      state: 'done',
      status: newest.status,
      submissionId: newest.submissionId,
      receivedAt: newest.receivedAt,
      rows: newest.rows,
      errors: newest.errors,
      warnings: newest.warnings,
      reportJsonUrl: await deps.presignGet(newest.reportKey),
      reportTextUrl: await deps.presignGet(
        newest.reportKey.replace(/\.json$/, '.txt'),
      ),
    });
  }

  return refuse(404, 'not-found', 'Không có đường dẫn này', 'No such route');
};

export { handleUploadApi, hashToken };
