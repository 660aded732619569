import { createHmac } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';

/** A browser-style S3 POST upload: send `fields` then the file as multipart/form-data to `url`. */
export interface PresignedPost {
  readonly url: string;
  /** Form fields to send, in this order, before the `file` part. */
  readonly fields: Readonly<Record<string, string>>;
  /** The policy's expiry (ISO 8601). */
  readonly expiresAt: string;
}

/** Options of {@link createPostPresigner}. */
export interface PostPresignerOptions {
  /** How long the policy accepts an upload. */
  readonly ttlSeconds: number;
  /** Largest upload S3 accepts (`content-length-range`), in bytes. */
  readonly maxBytes: number;
  /** A local S3 (s3rver), addressed path-style. @default - AWS, virtual-hosted */
  readonly endpoint?: string;
  /** The clock. @default () => new Date() */
  readonly now?: () => Date;
}

const hmac = (key: Buffer | string, text: string): Buffer =>
  createHmac('sha256', key).update(text, 'utf8').digest();

/** The SigV4 signature of a POST policy (AWS: "Calculating a signature", POST). */
const signPolicy = (
  base64Policy: string,
  secretAccessKey: string,
  day: string,
  region: string,
): string => {
  const dateKey = hmac(`AWS4${secretAccessKey}`, day);
  const regionKey = hmac(dateKey, region);
  const serviceKey = hmac(regionKey, 's3');
  const signingKey = hmac(serviceKey, 'aws4_request');
  return createHmac('sha256', signingKey)
    .update(base64Policy, 'utf8')
    .digest('hex');
};

/**
 * Presigned POST policies for one bucket, signed with the S3 client's own
 * credentials. `@aws-sdk/s3-presigned-post` is not a dependency; the policy is
 * small enough to build and sign here. Each policy names exactly one key, the
 * CSV content type and `content-length-range` 1…`maxBytes`, so S3 itself
 * refuses a larger file before a byte of it is stored.
 */
const createPostPresigner = (
  s3: S3Client,
  bucket: string,
  options: PostPresignerOptions,
) => {
  const now = options.now ?? (() => new Date());
  return async (key: string): Promise<PresignedPost> => {
    const credentials = await s3.config.credentials();
    const region = await s3.config.region();
    // Whole seconds: x-amz-date has no fraction, and the expiry follows it.
    const at = new Date(Math.floor(now().getTime() / 1000) * 1000);
    const amzDate = at.toISOString().replace(/[-:]|\.\d{3}/g, '');
    const day = amzDate.slice(0, 8);
    const credential = `${credentials.accessKeyId}/${day}/${region}/s3/aws4_request`;
    const expiresAt = new Date(
      at.getTime() + options.ttlSeconds * 1000,
    ).toISOString();
    const signed: Record<string, string> = {
      key,
      'Content-Type': 'text/csv',
      'x-amz-algorithm': 'AWS4-HMAC-SHA256',
      'x-amz-credential': credential,
      'x-amz-date': amzDate,
      ...(credentials.sessionToken && {
        'x-amz-security-token': credentials.sessionToken,
      }),
    };
    const policy = Buffer.from(
      JSON.stringify({
        expiration: expiresAt,
        conditions: [
          { bucket },
          ...Object.entries(signed).map(([name, value]) => ({ [name]: value })),
          ['content-length-range', 1, options.maxBytes],
        ],
      }),
      'utf8',
    ).toString('base64');
    const url = options.endpoint
      ? `${options.endpoint.replace(/\/$/, '')}/${bucket}`
      : `https://${bucket}.s3.${region}.amazonaws.com/`;
    return {
      url,
      fields: {
        ...signed,
        Policy: policy,
        'X-Amz-Signature': signPolicy(
          policy,
          credentials.secretAccessKey,
          day,
          region,
        ),
      },
      expiresAt,
    };
  };
};

export { createPostPresigner, signPolicy };
