/**
 * The pipeline's storage layout, declared once: the CDK stack and the embedded
 * local AWS both build their buckets, table and event wiring from these values.
 */

/** Environment variables through which a deployment hands resources to a function. */
export const ENV = {
  ingestBucket: 'INGEST_BUCKET',
  curatedBucket: 'CURATED_BUCKET',
  publicBucket: 'PUBLIC_BUCKET',
  table: 'TABLE_NAME',
  schemasDir: 'SCHEMAS_DIR',
  s3Endpoint: 'AWS_ENDPOINT_URL_S3',
  dynamoEndpoint: 'AWS_ENDPOINT_URL_DYNAMODB',
  /** Address reminder e-mails come from (an SES identity when deployed). */
  reminderSender: 'REMINDER_SENDER',
  /** Days before the deadline the first reminder goes out (default 7). */
  reminderDaysBefore: 'REMINDER_DAYS_BEFORE',
  /** Base URL of the upload API, whose `reports/…` route the notices link to. */
  reportsUrl: 'REPORTS_URL',
  /** Locally: the folder reminder e-mails are written to as `.eml` files instead of SES. */
  mailDir: 'MAIL_DIR',
} as const;

/** Only objects under this prefix and with this suffix are submissions. */
export const SUBMISSION_FILTER = { prefix: 'submissions/', suffix: '.csv' };

/** Single-table design: every item has a string partition and sort key. */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

/** Bucket names used by the embedded local AWS (CloudFormation names them on AWS). */
export const LOCAL_BUCKETS = {
  ingest: 'thanhhoa-ingest',
  curated: 'thanhhoa-curated',
  public: 'thanhhoa-public',
} as const;

/** Table name used by the embedded local AWS. */
export const LOCAL_TABLE = 'thanhhoa-opendata';

/** CloudWatch metrics: the functions emit them, the stack's alarms watch them. */
export const METRICS = {
  namespace: 'ThanhHoaOpenData',
  service: 'thanhhoa-opendata',
  missingSubmissions: 'MissingSubmissions',
} as const;

/**
 * Partition of the "roll up this period" requests an accepted submission
 * leaves in the table; the stack's table stream is filtered on it to start
 * the rollup-then-publish chain.
 */
export const ROLLUP_REQUESTS_PK = 'ROLLUP#REQUEST';
