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
  ): Promise<void> => {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
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
