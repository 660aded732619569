import {
  type AccessToken,
  hashToken,
  tokenState,
} from '../shared/accessTokens.js';
import type { PresignedPost } from '../shared/aws/presignPost.js';
import type { SubmissionRecord } from '../shared/ledger/submissionLedger.js';
import { parsePeriod } from '../shared/period.js';
import { datasetRefusal } from '../shared/reference/responsibility.js';
import type { Catalogue } from '../shared/schema/loadSchemas.js';
import type { SignOffDeps } from '../shared/signoff/signOff.js';
import { submissionKeyOf } from '../shared/submissionKey.js';
import { extensionOf } from '../shared/xlsx/submissionFormats.js';
import {
  type ApiResponse,
  invalidPeriod,
  json,
  refuse,
} from './apiResponse.js';
import { parseSubmissionBody } from './parseRequestBody.js';
import { handleSignOffRoute } from './signOffRoute.js';
import { statusRoute } from './statusRoute.js';
import { templateRoute } from './templateRoute.js';

/** An HTTP request as API Gateway (HTTP API, payload 2.0) delivers it, reduced to what the API reads. */
export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body?: string;
}

/** The ports of the upload API. */
export interface UploadApiDeps {
  readonly catalogue: Catalogue;
  /** The stored token with this hash, whatever its state. */
  findToken(tokenHash: string): Promise<AccessToken | undefined>;
  /** A presigned POST policy for exactly this key, bounded in size. */
  presignUpload(key: string): Promise<PresignedPost>;
  presignGet(key: string): Promise<string>;
  listUploads(
    period: string,
    datasetId: string,
    unitCode: string,
  ): Promise<SubmissionRecord[]>;
  /** Lifetime of the presigned report links. */
  readonly ttlSeconds: number;
  /** Lifetime of a presigned upload policy. */
  readonly uploadTtlSeconds: number;
  /** Largest upload the policy lets S3 accept, in bytes (the ingest limit). */
  readonly maxUploadBytes: number;
  readonly now: () => Date;
  /** Sign-off ports of the steward's `POST /approvals`. */
  readonly signOff?: SignOffDeps;
}

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
  caller: AccessToken,
  unit: string,
  period: string,
  dataset: string,
): ApiResponse | undefined => {
  if (unit !== caller.unitCode) return otherUnit(unit, caller.unitCode);
  const p = parsePeriod(period);
  if (!p) {
    return invalidPeriod(period);
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
  if (caller.datasets && !caller.datasets.includes(dataset)) {
    return refuse(
      403,
      'forbidden-dataset',
      `Mã truy cập này chỉ dùng cho các bộ dữ liệu ${caller.datasets.join(', ')}, không dùng cho "${dataset}"`,
      `This token is only for the datasets ${caller.datasets.join(', ')}, not for "${dataset}"`,
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
 * The agencies' upload API: `POST /submissions` gives a presigned POST
 * policy for exactly one submission key of the caller's unit, bounded by the
 * ingest size limit, and the link to its report; `GET /reports/<unit>/<period>/<dataset>` gives the newest report
 * of the caller's own upload. The unit comes from the bearer token, so a
 * unit can neither upload as nor read the reports of another; an expired or
 * revoked token is a 401, a dataset outside the token's scope a 403, and a
 * malformed body a 400 with its reason.
 */
const handleUploadApi = async (
  request: ApiRequest,
  deps: UploadApiDeps,
): Promise<ApiResponse> => {
  const token = bearer(request.headers);
  const caller = token ? await deps.findToken(hashToken(token)) : undefined;
  const state = caller && tokenState(caller, deps.now());
  if (!caller || state !== 'valid') {
    return refuse(
      401,
      'unauthorized',
      state === 'expired'
        ? 'Mã truy cập đã hết hạn: đề nghị cán bộ quản lý dữ liệu cấp mã mới'
        : state === 'revoked'
          ? 'Mã truy cập đã bị thu hồi: đề nghị cán bộ quản lý dữ liệu cấp mã mới'
          : 'Thiếu hoặc sai mã truy cập (Authorization: Bearer <mã>)',
      state === 'expired'
        ? 'The access token has expired: ask the data steward for a new one'
        : state === 'revoked'
          ? 'The access token was revoked: ask the data steward for a new one'
          : 'Missing or wrong access token (Authorization: Bearer <token>)',
    );
  }

  if (request.method === 'POST' && request.path === '/submissions') {
    const parsed = parseSubmissionBody(request.body);
    if (!parsed.ok) return json(400, parsed.refusal);
    const { period, dataset } = parsed.value;
    const unit = parsed.value.unit ?? caller.unitCode;
    const invalid = checkTarget(deps, caller, unit, period, dataset);
    if (invalid) return invalid;
    const p = parsePeriod(period);
    const refusal = p && datasetRefusal(deps.catalogue, unit, dataset, p);
    if (refusal) {
      return refuse(
        403,
        'not-responsible',
        `Đơn vị ${unit} không phải đơn vị báo cáo bộ dữ liệu "${dataset}" (đơn vị báo cáo: ${refusal.expected.join(', ')})`,
        `Unit ${unit} does not submit dataset "${dataset}" (submitted by: ${refusal.expected.join(', ')})`,
      );
    }
    // A workbook is uploaded under .xlsx (`format: 'xlsx'`); the content still decides.
    const key = submissionKeyOf(
      unit,
      period,
      dataset,
      extensionOf(`.${parsed.value.format ?? 'csv'}`),
    );
    const upload = await deps.presignUpload(key);
    return json(201, {
      key,
      uploadUrl: upload.url,
      method: 'POST',
      fields: upload.fields,
      maxBytes: deps.maxUploadBytes,
      expiresIn: deps.uploadTtlSeconds,
      expiresAt: upload.expiresAt,
      reportUrl: `/reports/${unit}/${period}/${dataset}`,
    });
  }

  if (request.method === 'POST' && request.path === '/approvals') {
    const answer = await handleSignOffRoute(
      caller.role,
      request.body,
      deps.signOff,
    );
    return json(answer.statusCode, answer.body);
  }
  const template = await templateRoute(
    request.method,
    request.path,
    caller.unitCode,
    deps.catalogue,
  );
  if (template) return template;
  const status = await statusRoute(
    request.method,
    request.path,
    caller.unitCode,
    deps,
  );
  if (status) return status;

  const report = /^\/reports\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(request.path);
  if (request.method === 'GET' && report) {
    const [, unit = '', period = '', dataset = ''] = report;
    const invalid = checkTarget(deps, caller, unit, period, dataset);
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

export { handleUploadApi };
