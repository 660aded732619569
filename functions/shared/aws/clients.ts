import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

/**
 * S3 client; with a local endpoint it uses path-style addressing and no
 * streamed checksums. `forPresigning` drops the default request checksum:
 * signed into a URL, it would be the checksum of an empty body, and S3 would
 * refuse the agency's real file.
 */
const createS3Client = (
  endpoint?: string,
  {
    forPresigning,
    ...config
  }: { forPresigning?: boolean } & S3ClientConfig = {},
): S3Client =>
  new S3Client({
    ...config,
    ...(endpoint && { endpoint, forcePathStyle: true }),
    // s3rver stores an aws-chunked body verbatim when the SDK adds flexible
    // checksums to a streamed PutObject, corrupting the object.
    ...((endpoint || forPresigning) && {
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
  });

/** DynamoDB client, pointed at a local endpoint when one is given. */
const createDynamoClient = (endpoint?: string): DynamoDBClient =>
  new DynamoDBClient(endpoint ? { endpoint } : {});

export { createDynamoClient, createS3Client };
