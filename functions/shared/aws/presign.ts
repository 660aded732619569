import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

/**
 * Presigned download URLs for one bucket, valid for `ttlSeconds`. Uploads go
 * through a presigned POST instead (`presignPost.ts`): a presigned PUT URL
 * cannot bound the size of what it stores.
 */
const createPresigner = (s3: S3Client, bucket: string, ttlSeconds: number) => ({
  /** A URL that lets its holder GET exactly this key. */
  get: (key: string) =>
    getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), {
      expiresIn: ttlSeconds,
    }),
});

export { createPresigner };
