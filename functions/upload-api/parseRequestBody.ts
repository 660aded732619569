/**
 * Largest body `POST /submissions` accepts, in bytes. The request names a
 * unit, a period and a dataset: a few dozen bytes. Anything near this size is
 * not a submission request, and is refused before it is parsed.
 */
const MAX_REQUEST_BODY_BYTES = 4096;

/** What `POST /submissions` asks for. */
export interface SubmissionRequest {
  readonly unit?: string;
  readonly period: string;
  readonly dataset: string;
  /** `xlsx` for a workbook (an .xlsx key), else CSV. */
  readonly format?: string;
}

/** Why a request body was refused: a stable code and the reason in Vietnamese and English. */
export interface BodyRefusal {
  readonly error: 'invalid-body' | 'body-too-large';
  readonly message: string;
  readonly messageEn: string;
}

/** The parsed request, or why it cannot be one. */
export type ParsedBody =
  | { readonly ok: true; readonly value: SubmissionRequest }
  | { readonly ok: false; readonly refusal: BodyRefusal };

const FIELDS = ['unit', 'period', 'dataset', 'format'] as const;
const REQUIRED = new Set<string>(['period', 'dataset']);

const refuse = (message: string, messageEn: string): ParsedBody => ({
  ok: false,
  refusal: { error: 'invalid-body', message, messageEn },
});

const kindOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/**
 * Reads the body of `POST /submissions`: a JSON object with the string fields
 * `period` and `dataset` and, optionally, `unit`, and nothing else. Every
 * other body (none, too large, not JSON, `null`, an array, a field of the
 * wrong type, an unknown field) is refused with a reason, never thrown.
 */
const parseSubmissionBody = (
  body: string | undefined,
  maxBytes = MAX_REQUEST_BODY_BYTES,
): ParsedBody => {
  if (body === undefined || body.trim() === '') {
    return refuse(
      'Thiếu nội dung yêu cầu: cần một đối tượng JSON {"period": "YYYY-Qn", "dataset": "<mã bộ dữ liệu>"}',
      'The request has no body: send a JSON object {"period": "YYYY-Qn", "dataset": "<dataset id>"}',
    );
  }
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > maxBytes) {
    return {
      ok: false,
      refusal: {
        error: 'body-too-large',
        message: `Nội dung yêu cầu dài ${bytes} byte, vượt giới hạn ${maxBytes} byte`,
        messageEn: `The request body is ${bytes} bytes, over the ${maxBytes}-byte limit`,
      },
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return refuse(
      'Nội dung yêu cầu không phải JSON',
      'The request body is not JSON',
    );
  }
  const kind = kindOf(parsed);
  if (kind !== 'object') {
    return refuse(
      `Nội dung yêu cầu phải là một đối tượng JSON, không phải ${kind}`,
      `The request body must be a JSON object, not ${kind}`,
    );
  }
  const fields = parsed as Record<string, unknown>;
  const unknown = Object.keys(fields).filter(
    (name) => !(FIELDS as readonly string[]).includes(name),
  );
  if (unknown.length > 0) {
    const names = unknown
      .slice(0, 5)
      .map((name) => `"${name.slice(0, 40)}"`)
      .join(', ');
    return refuse(
      `Trường không được hỗ trợ: ${names}; chỉ dùng unit, period, dataset, format`,
      `Unsupported field(s): ${names}; use only unit, period, dataset, format`,
    );
  }
  for (const name of FIELDS) {
    const value = fields[name];
    if (value === undefined && !REQUIRED.has(name)) continue;
    if (typeof value !== 'string' || value === '') {
      return refuse(
        `Trường "${name}" phải là một chuỗi không rỗng (nhận được ${kindOf(value)})`,
        `Field "${name}" must be a non-empty string (got ${kindOf(value)})`,
      );
    }
  }
  return {
    ok: true,
    value: {
      ...(typeof fields.unit === 'string' && { unit: fields.unit }),
      period: fields.period as string,
      dataset: fields.dataset as string,
      ...(typeof fields.format === 'string' && { format: fields.format }),
    },
  };
};

export { MAX_REQUEST_BODY_BYTES, parseSubmissionBody };
