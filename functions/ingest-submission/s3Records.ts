import type { S3Event } from 'aws-lambda';
import type { IngestInput } from './ingestSubmission.js';

/**
 * The uploads named by an S3 notification (as carried in an SQS message
 * body). S3's test event and removals name none. Keys arrive URL-encoded
 * with `+` for spaces.
 */
const uploadsOf = (body: string): IngestInput[] => {
  const event = JSON.parse(body) as Partial<S3Event>;
  return (event.Records ?? [])
    .filter((r) => r.eventName?.startsWith('ObjectCreated:'))
    .map((r) => ({
      bucket: r.s3.bucket.name,
      key: decodeURIComponent(r.s3.object.key.replace(/\+/g, ' ')),
      ...(r.s3.object.versionId && { versionId: r.s3.object.versionId }),
      ...(r.s3.object.eTag && { eTag: r.s3.object.eTag }),
      size: r.s3.object.size ?? 0,
      eventTime: r.eventTime,
      ...(r.s3.object.sequencer && { sequencer: r.s3.object.sequencer }),
    }));
};

export { uploadsOf };
