import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AccessToken,
  hashToken,
} from '../../../functions/shared/accessTokens.js';
import {
  handleUploadApi,
  type UploadApiDeps,
} from '../../../functions/upload-api/uploadApi.js';
import { catalogue } from '../../helpers/catalogue.js';

const NOW = new Date('2026-03-01T08:00:00.000Z');
const TOKENS: Record<string, AccessToken> = {
  good: {
    hash: hashToken('good'),
    unitCode: 'VIETTEL',
    label: 'Viettel',
    createdAt: '2026-01-01T00:00:00.000Z',
    expiresAt: '2027-01-01T00:00:00.000Z',
  },
  expired: {
    hash: hashToken('expired'),
    unitCode: 'VIETTEL',
    label: 'Viettel old',
    createdAt: '2025-01-01T00:00:00.000Z',
    expiresAt: '2026-01-01T00:00:00.000Z',
  },
};

/** In-memory ports: two tokens, a presigner that only echoes the key. */
const deps: UploadApiDeps = {
  catalogue,
  findToken: async (hash) =>
    Object.values(TOKENS).find((token) => token.hash === hash),
  presignUpload: async (key) => ({
    url: 'https://ingest.example/',
    fields: { key },
    expiresAt: '2026-03-01T08:05:00.000Z',
  }),
  presignGet: async (key) => `https://curated.example/${key}`,
  listUploads: async () => [],
  ttlSeconds: 900,
  uploadTtlSeconds: 300,
  maxUploadBytes: 1000,
  now: () => NOW,
};

const post = (body: string | undefined, token = 'good') =>
  handleUploadApi(
    {
      method: 'POST',
      path: '/submissions',
      headers: { authorization: `Bearer ${token}` },
      ...(body !== undefined && { body }),
    },
    deps,
  );

describe('handleUploadApi', () => {
  it('grants a presigned POST bounded by the upload limit', async () => {
    const answer = await post('{"period":"2023-Q3","dataset":"chi-tieu-cds"}');

    expect(answer.statusCode).toBe(201);
    expect(JSON.parse(answer.body)).toEqual({
      key: 'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv',
      uploadUrl: 'https://ingest.example/',
      method: 'POST',
      fields: { key: 'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv' },
      maxBytes: 1000,
      expiresIn: 300,
      expiresAt: '2026-03-01T08:05:00.000Z',
      reportUrl: '/reports/VIETTEL/2023-Q3/chi-tieu-cds',
    });
  });

  it('refuses an expired token before reading the body', async () => {
    const answer = await post('null', 'expired');

    expect(answer.statusCode).toBe(401);
    expect(JSON.parse(answer.body).messageEn).toBe(
      'The access token has expired: ask the data steward for a new one',
    );
  });

  it('answers any body with a JSON refusal or a grant, never a fault', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.json({ maxDepth: 3 }),
          fc
            .record(
              {
                unit: fc.oneof(fc.string(), fc.constant('VIETTEL')),
                period: fc.oneof(fc.string(), fc.constant('2023-Q3')),
                dataset: fc.oneof(
                  fc.string(),
                  fc.constantFrom('chi-tieu-cds', '__proto__', 'constructor'),
                ),
              },
              { requiredKeys: [] },
            )
            .map((value) => JSON.stringify(value)),
        ),
        async (body) => {
          const answer = await post(body);
          const parsed = JSON.parse(answer.body);

          expect([201, 400, 403]).toContain(answer.statusCode);
          if (answer.statusCode !== 201) {
            expect(parsed).toEqual({
              error: expect.any(String),
              message: expect.any(String),
              messageEn: expect.any(String),
            });
          }
        },
      ),
      { numRuns: 300, seed: 16 },
    );
  });

  it.each([
    ['/reports/%E0/2023-Q3/chi-tieu-cds', 403],
    ['/reports/VIETTEL/2023-Q3/__proto__', 400],
    ['/reports/VIETTEL/Q3/chi-tieu-cds', 400],
    ['/reports/VIETTEL/2023-Q3', 404],
  ])('answers GET %s with %i', async (path, status) => {
    const answer = await handleUploadApi(
      { method: 'GET', path, headers: { authorization: 'Bearer good' } },
      deps,
    );

    expect(answer.statusCode).toBe(status);
  });
});
