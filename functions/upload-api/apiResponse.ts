/** An HTTP response for API Gateway (HTTP API, payload 2.0). */
export interface ApiResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** The body is base64 of binary content (a template workbook). */
  readonly isBase64Encoded?: boolean;
}

/** A JSON response. */
const json = (statusCode: number, body: unknown): ApiResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(body),
});

/** A refusal: its code, and why in Vietnamese and English. */
const refuse = (statusCode: number, error: string, vi: string, en: string) =>
  json(statusCode, { error, message: vi, messageEn: en });

/** The refusal of a period that is not `YYYY-Qn`. */
const invalidPeriod = (period: string) =>
  refuse(
    400,
    'invalid-period',
    `Kỳ "${period}" không đúng dạng YYYY-Qn`,
    `Period "${period}" is not YYYY-Qn`,
  );

export { invalidPeriod, json, refuse };
