import { describe, expect, it } from 'vitest';
import {
  MAX_REQUEST_BODY_BYTES,
  parseSubmissionBody,
} from '../../../functions/upload-api/parseRequestBody.js';

describe('parseSubmissionBody', () => {
  it('reads period, dataset and an optional unit', () => {
    expect(
      parseSubmissionBody('{"period":"2023-Q3","dataset":"chi-tieu-cds"}'),
    ).toEqual({
      ok: true,
      value: { period: '2023-Q3', dataset: 'chi-tieu-cds' },
    });
    expect(
      parseSubmissionBody(
        '{"unit":"VIETTEL","period":"2023-Q3","dataset":"chi-tieu-cds"}',
      ),
    ).toEqual({
      ok: true,
      value: { unit: 'VIETTEL', period: '2023-Q3', dataset: 'chi-tieu-cds' },
    });
  });

  it.each([
    ['no body', undefined, 'invalid-body', 'The request has no body'],
    ['blanks', '  \n', 'invalid-body', 'The request has no body'],
    ['null', 'null', 'invalid-body', 'not null'],
    ['an array', '[]', 'invalid-body', 'not array'],
    ['a string', '"2023-Q3"', 'invalid-body', 'not string'],
    ['a number', '42', 'invalid-body', 'not number'],
    ['true', 'true', 'invalid-body', 'not boolean'],
    ['not JSON', '{period: 2023-Q3}', 'invalid-body', 'not JSON'],
    ['a truncated object', '{"period":"2023-Q3"', 'invalid-body', 'not JSON'],
    [
      'a missing dataset',
      '{"period":"2023-Q3"}',
      'invalid-body',
      'Field "dataset" must be a non-empty string (got undefined)',
    ],
    [
      'an empty period',
      '{"period":"","dataset":"chi-tieu-cds"}',
      'invalid-body',
      'Field "period" must be a non-empty string (got string)',
    ],
    [
      'a null unit',
      '{"unit":null,"period":"2023-Q3","dataset":"chi-tieu-cds"}',
      'invalid-body',
      'Field "unit" must be a non-empty string (got null)',
    ],
    [
      'an object for the dataset',
      '{"period":"2023-Q3","dataset":{"id":"x"}}',
      'invalid-body',
      'Field "dataset" must be a non-empty string (got object)',
    ],
    [
      'a prototype key',
      '{"__proto__":{"x":1},"period":"2023-Q3","dataset":"chi-tieu-cds"}',
      'invalid-body',
      'Unsupported field(s): "__proto__"',
    ],
  ])('refuses %s', (_name, body, error, reason) => {
    const parsed = parseSubmissionBody(body);

    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.refusal.error).toBe(error);
    expect(!parsed.ok && parsed.refusal.messageEn).toContain(reason);
    expect(!parsed.ok && parsed.refusal.message).not.toBe('');
  });

  it('refuses a body one byte over the limit before parsing it, counting UTF-8 bytes', () => {
    // 33 bytes of JSON around the dataset, 2 bytes per "đ".
    const atLimit = `{"period":"2023-Q3","dataset":"${'đ'.repeat(2031)}a"}`;
    const over = `${atLimit} `;

    expect(Buffer.byteLength(atLimit)).toBe(MAX_REQUEST_BODY_BYTES);
    expect(parseSubmissionBody(atLimit).ok).toBe(true);
    expect(parseSubmissionBody(over)).toEqual({
      ok: false,
      refusal: {
        error: 'body-too-large',
        message: 'Nội dung yêu cầu dài 4097 byte, vượt giới hạn 4096 byte',
        messageEn: 'The request body is 4097 bytes, over the 4096-byte limit',
      },
    });
  });
});
