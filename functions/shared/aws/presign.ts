import {
  GetObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { contentTypeOfKey } from '../xlsx/submissionFormats.js';

/** Presigned URLs for one bucket, valid for `ttlSeconds`. */
const createPresigner = (s3: S3Client, bucket: string, ttlSeconds: number) => ({
  /** A URL that lets its holder PUT exactly this key, as CSV or a workbook (by its extension). */
  put: (key: string) =>
    getSignedUrl(
      s3,
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        ContentType: contentTypeOfKey(key),
      }),
      { expiresIn: ttlSeconds },
    ),
  /** A URL that lets its holder GET exactly this key. */
  get: (key: string) =>
    getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), {
      expiresIn: ttlSeconds,
    }),
});

export { createPresigner };
