import { PassThrough, Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createCsvSink, type RowSink } from '../csv/csvSink.js';
import { StorageError } from '../errors.js';

/** Optional headers of a stored object. */
export interface PutOptions {
  /** The `Cache-Control` the object is served with. */
  readonly cacheControl?: string;
}

/** S3 access for one bucket: streams in, streamed multipart uploads out. */
const createObjectStore = (s3: S3Client, bucket: string) => {
  const open = async (key: string, versionId?: string): Promise<Readable> => {
    const response = await s3.send(
      new GetObjectCommand({
        Bucket: bucket,
        Key: key,
        ...(versionId && versionId !== 'null' && { VersionId: versionId }),
      }),
    );
    if (!(response.Body instanceof Readable)) {
      throw new StorageError(`No body for s3://${bucket}/${key}`);
    }
    return response.Body;
  };

  const put = async (
    key: string,
    body: string | Uint8Array,
    contentType: string,
    options: PutOptions = {},
  ): Promise<void> => {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        ...(options.cacheControl && { CacheControl: options.cacheControl }),
      }),
    );
  };

  const getText = async (key: string): Promise<string> => {
    const body = await open(key);
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };

  /** The object's text, or undefined when there is no such object. */
  const getTextIfExists = async (key: string): Promise<string | undefined> => {
    try {
      return await getText(key);
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  };

  /** The object's ETag without quotes, or undefined when there is no such object. */
  const etagOf = async (key: string): Promise<string | undefined> => {
    try {
      const head = await s3.send(
        new HeadObjectCommand({ Bucket: bucket, Key: key }),
      );
      return head.ETag?.replaceAll('"', '');
    } catch (error) {
      if ((error as { name?: string }).name === 'NotFound') return undefined;
      throw error;
    }
  };

  /**
   * Writes the object only if the key has none yet; false when it had one,
   * which is left as it was. S3 enforces `If-None-Match: *` atomically;
   * s3rver ignores the header, so a HEAD first keeps the rule locally too
   * (for writers that do not race, as the single publishing run does not).
   */
  const putIfAbsent = async (
    key: string,
    body: string | Uint8Array,
    contentType: string,
    options: PutOptions = {},
  ): Promise<boolean> => {
    if ((await etagOf(key)) !== undefined) return false;
    try {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: contentType,
          IfNoneMatch: '*',
          ...(options.cacheControl && { CacheControl: options.cacheControl }),
        }),
      );
      return true;
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } })
        .$metadata?.httpStatusCode;
      // 412: another writer got there first; 409: a concurrent conditional write is in progress.
      if (status === 412 || status === 409) return false;
      throw error;
    }
  };

  const remove = async (key: string): Promise<void> => {
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  };

  const list = async (prefix: string): Promise<string[]> => {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: prefix,
          ContinuationToken: token,
        }),
      );
      for (const item of page.Contents ?? []) if (item.Key) keys.push(item.Key);
      token = page.NextContinuationToken;
    } while (token);
    return keys;
  };

  /** Streams row batches as CSV into a multipart upload, honouring backpressure. */
  const uploadCsv = (key: string, columns: readonly string[]): RowSink => {
    const body = new PassThrough({ highWaterMark: 1 << 20 });
    const upload = new Upload({
      client: s3,
      params: {
        Bucket: bucket,
        Key: key,
        Body: body,
        ContentType: 'text/csv; charset=utf-8',
      },
    });
    const done = upload.done();
    done.catch(() => undefined);
    return createCsvSink(
      {
        stream: body,
        committed: async () => {
          await done;
        },
        discarded: async () => {
          await upload.abort();
          await done.catch(() => undefined);
          await remove(key).catch(() => undefined);
        },
      },
      columns,
    );
  };

  return {
    bucket,
    open,
    put,
    putIfAbsent,
    getText,
    getTextIfExists,
    etagOf,
    remove,
    list,
    uploadCsv,
  };
};

/** S3 access for one bucket. */
export type ObjectStore = ReturnType<typeof createObjectStore>;

export { createObjectStore };
