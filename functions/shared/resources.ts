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
  /** Day of a quarter's last month submissions are due (default 15). */
  deadlineDay: 'DEADLINE_DAY',
  /** Ingest limits: bytes of one upload, data rows of one file. */
  maxFileBytes: 'MAX_FILE_BYTES',
  maxRows: 'MAX_ROWS',
  /** Lifetime of a presigned report URL, in seconds. */
  uploadUrlTtl: 'UPLOAD_URL_TTL_SECONDS',
  /** Lifetime of a presigned upload policy (POST), in seconds. */
  uploadPolicyTtl: 'UPLOAD_POLICY_TTL_SECONDS',
  /** Bytes of normalized CSV one publishing run may read. */
  publishMaxInputBytes: 'PUBLISH_MAX_INPUT_BYTES',
  /** The public site's URL, overriding `schemas/reference/publisher.json`. */
  publicSiteUrl: 'PUBLIC_SITE_URL',
  /** Address reminder e-mails come from (an SES identity when deployed). */
  reminderSender: 'REMINDER_SENDER',
  /** Days before the deadline the first reminder goes out (default 7). */
  reminderDaysBefore: 'REMINDER_DAYS_BEFORE',
  /** Base URL of the upload API, whose `reports/…` route the notices link to. */
  reportsUrl: 'REPORTS_URL',
  /** Locally: the folder reminder e-mails are written to as `.eml` files instead of SES. */
  mailDir: 'MAIL_DIR',
  /** The upload API's URL, for the submission page (default: `../api` on the site's origin). */
  uploadApiUrl: 'UPLOAD_API_URL',
} as const;

/** Only objects under this prefix and with one of these suffixes are submissions. */
export const SUBMISSION_FILTER = {
  prefix: 'submissions/',
  suffixes: ['.csv', '.xlsx'],
} as const;

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
 * Partition keys of the table's item kinds (README, "DynamoDB design"): a
 * prefix, or the whole key for tokens. IAM limits each function to the
 * partitions it uses with `dynamodb:LeadingKeys`.
 */
export const PARTITIONS = {
  period: 'PERIOD#',
  dataset: 'DATASET#',
  upload: 'UPLOAD#',
  token: 'TOKEN',
  /** "Roll up this period" requests (one item per period); the table stream starts the rollup-then-publish chain from them. */
  rollupRequest: 'ROLLUP#REQUEST',
  /** Reminders sent, one item per message, so each goes out once. */
  reminder: 'REMINDER#',
} as const;

/** The partitions the ingest function reads and writes: never the tokens. */
export const INGEST_PARTITIONS = [
  PARTITIONS.period,
  PARTITIONS.dataset,
  PARTITIONS.upload,
  PARTITIONS.rollupRequest,
] as const;

/** Partition of the rollup requests. */
export const ROLLUP_REQUESTS_PK = PARTITIONS.rollupRequest;
