import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { createS3Client } from '../../../functions/shared/aws/clients.js';
import {
  createPostPresigner,
  signPolicy,
} from '../../../functions/shared/aws/presignPost.js';

const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'session-token',
};
const s3 = createS3Client(undefined, {
  forPresigning: true,
  region: 'ap-southeast-1',
  credentials,
});
const presign = createPostPresigner(s3, 'ingest-bucket', {
  ttlSeconds: 300,
  maxBytes: 2 * 1024 ** 3,
  now: () => new Date('2026-03-01T08:00:00.250Z'),
});
const bytesOf = (data: string | ArrayBuffer | ArrayBufferView) =>
  typeof data === 'string'
    ? Buffer.from(data, 'utf8')
    : ArrayBuffer.isView(data)
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : Buffer.from(data);

/** The hash constructor SignatureV4 expects, over node:crypto. */
class Sha256 {
  private readonly hash;
  public constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret
      ? createHmac('sha256', bytesOf(secret))
      : createHash('sha256');
  }
  public update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(bytesOf(data));
  }
  public digest(): Promise<Uint8Array> {
    return Promise.resolve(this.hash.digest());
  }
}

const KEY = 'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv';

describe('presigned POST policies', () => {
  it('bind one key, CSV, 1 byte to the ingest limit, and expire after the TTL', async () => {
    const post = await presign(KEY);
    const policy = JSON.parse(
      Buffer.from(post.fields.Policy ?? '', 'base64').toString('utf8'),
    );

    expect(post.url).toBe(
      'https://ingest-bucket.s3.ap-southeast-1.amazonaws.com/',
    );
    expect(policy).toEqual({
      expiration: '2026-03-01T08:05:00.000Z',
      conditions: [
        { bucket: 'ingest-bucket' },
        { key: KEY },
        { 'Content-Type': 'text/csv' },
        { 'x-amz-algorithm': 'AWS4-HMAC-SHA256' },
        {
          'x-amz-credential':
            'AKIAIOSFODNN7EXAMPLE/20260301/ap-southeast-1/s3/aws4_request',
        },
        { 'x-amz-date': '20260301T080000Z' },
        { 'x-amz-security-token': 'session-token' },
        ['content-length-range', 1, 2147483648],
      ],
    });
    expect(post.expiresAt).toBe('2026-03-01T08:05:00.000Z');
  });

  it('signs the policy as SigV4 does (checked against @smithy/signature-v4)', async () => {
    const post = await presign(KEY);
    const smithy = new SignatureV4({
      credentials,
      region: 'ap-southeast-1',
      service: 's3',
      sha256: Sha256,
    });

    const expected = await smithy.sign(post.fields.Policy ?? '', {
      signingDate: new Date('2026-03-01T08:00:00Z'),
    });

    expect(post.fields['X-Amz-Signature']).toBe(expected);
    expect(
      signPolicy(
        post.fields.Policy ?? '',
        credentials.secretAccessKey,
        '20260301',
        'ap-southeast-1',
      ),
    ).toBe(expected);
  });

  it('points at a local S3 path-style', async () => {
    const local = createPostPresigner(s3, 'thanhhoa-ingest', {
      ttlSeconds: 60,
      maxBytes: 10,
      endpoint: 'http://127.0.0.1:4568/',
    });

    expect((await local(KEY)).url).toBe(
      'http://127.0.0.1:4568/thanhhoa-ingest',
    );
  });
});
