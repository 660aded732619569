import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';

/** S3 client; with a local endpoint it uses path-style addressing and no streamed checksums. */
const createS3Client = (endpoint?: string): S3Client =>
  new S3Client(
    endpoint
      ? {
          endpoint,
          forcePathStyle: true,
          // s3rver stores an aws-chunked body verbatim when the SDK adds
          // flexible checksums to a streamed PutObject, corrupting the object.
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
        }
      : {},
  );

/** DynamoDB client, pointed at a local endpoint when one is given. */
const createDynamoClient = (endpoint?: string): DynamoDBClient =>
  new DynamoDBClient(endpoint ? { endpoint } : {});

export { createDynamoClient, createS3Client };
