import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  type IBucket,
  ObjectLockRetention,
  StorageClass,
} from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  ENV,
  INGEST_PARTITIONS,
  SUBMISSION_FILTER,
} from '../../functions/shared/resources.js';
import { TIER_REPLACED_VERSIONS } from './bucketLifecycle.js';
import { denyForeignEncryption } from './encryptionGuard.js';
import { acknowledgeFindings, arnWildcardOf } from './nagFindings.js';
import { PipelineFunction } from './PipelineFunction.js';
import { onlyLeadingKeys } from './tableAccess.js';

/** Properties of a {@link SubmissionIntake}. */
interface SubmissionIntakeProps {
  /** Table where validated submissions are recorded. */
  readonly table: ITable;
  /** Bucket that receives the S3 server access logs of both buckets. */
  readonly accessLogsBucket: IBucket;
  /**
   * Maximum run time of one batch of the ingest function. At 512 MB (0.29
   * vCPU) the ingest path validates ~35,000 rows/s, so 10 minutes covers a
   * batch of ten 1,000,000-row files, or one file at the 10,000,000-row limit.
   * @default Duration.minutes(10)
   */
  readonly ingestTimeout?: Duration;
  /**
   * Turns on S3 Object Lock for the ingest bucket, with this default
   * GOVERNANCE retention on every upload. It cannot be turned off again.
   * @default - no object lock
   */
  readonly objectLockRetention?: Duration;
  /**
   * Most concurrent runs of the ingest function; the queue's event source
   * never starts more, so no message is throttled back towards the
   * dead-letter queue.
   * @default 5
   */
  readonly ingestConcurrency?: number;
}

/**
 * Where agencies' CSV submissions arrive: the versioned ingest bucket, the
 * queue its uploads notify, and the function that validates each upload into
 * the curated bucket and the table.
 */
class SubmissionIntake extends Construct {
  /** Customer key that encrypts the ingest bucket. */
  public readonly ingestKey: Key;
  /** Bucket agencies upload `submissions/…/*.csv` files to. */
  public readonly ingestBucket: Bucket;
  /** Customer key that encrypts the curated bucket. */
  public readonly curatedKey: Key;
  /** Bucket of normalized submissions and validation reports. */
  public readonly curatedBucket: Bucket;
  /** Queue of S3 notifications for new submissions. */
  public readonly queue: Queue;
  /** Where notifications land after three failed deliveries. */
  public readonly deadLetterQueue: Queue;
  /** The `ingest-submission` function fed by {@link queue}. */
  public readonly ingestFunction: PipelineFunction;

  public constructor(
    scope: Construct,
    id: string,
    props: SubmissionIntakeProps,
  ) {
    super(scope, id);
    const ingestTimeout = props.ingestTimeout ?? Duration.minutes(10);
    const ingestConcurrency = props.ingestConcurrency ?? 5;

    this.ingestKey = new Key(this, 'IngestKey', {
      description: 'Encrypts agency submissions in the ingest bucket',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.ingestBucket = new Bucket(this, 'IngestBucket', {
      ...securedBucketProps(this.ingestKey),
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 's3/ingest/',
      ...(props.objectLockRetention !== undefined && {
        objectLockEnabled: true,
        // GOVERNANCE: no version of a raw upload can be deleted within the
        // retention period without s3:BypassGovernanceRetention, which no
        // role of this stack holds; an account administrator still can.
        objectLockDefaultRetention: ObjectLockRetention.governance(
          props.objectLockRetention,
        ),
      }),
      lifecycleRules: [
        {
          id: 'TierAgeingSubmissions',
          transitions: [
            {
              storageClass: StorageClass.INTELLIGENT_TIERING,
              transitionAfter: Duration.days(30),
            },
          ],
          noncurrentVersionTransitions: [
            {
              storageClass: StorageClass.INTELLIGENT_TIERING,
              transitionAfter: Duration.days(30),
            },
          ],
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });

    denyForeignEncryption(this.ingestBucket, this.ingestKey);

    this.curatedKey = new Key(this, 'CuratedKey', {
      description: 'Encrypts normalized submissions and validation reports',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.curatedBucket = new Bucket(this, 'CuratedBucket', {
      ...securedBucketProps(this.curatedKey),
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 's3/curated/',
      lifecycleRules: [TIER_REPLACED_VERSIONS],
    });

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Queue', {
      // SSE-SQS rather than a customer key: S3 can then deliver without a
      // key policy, and the messages only carry bucket and key names.
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's guidance for Lambda-polled queues: six times the function timeout.
      visibilityTimeout: Duration.seconds(ingestTimeout.toSeconds() * 6),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 3 },
    });
    this.notifyQueueOfSubmissions();

    this.ingestFunction = new PipelineFunction(this, 'IngestFunction', {
      name: 'ingest-submission',
      description: 'Validates an uploaded submission into the curated bucket',
      timeout: ingestTimeout,
      reservedConcurrentExecutions: ingestConcurrency,
      environment: {
        [ENV.ingestBucket]: this.ingestBucket.bucketName,
        [ENV.curatedBucket]: this.curatedBucket.bucketName,
        [ENV.table]: props.table.tableName,
      },
    });
    this.ingestBucket.grantRead(this.ingestFunction);
    this.curatedBucket.grantReadWrite(this.ingestFunction);
    // Ledger, submissions in force, period index and the exactly-once
    // guard; never the agency tokens.
    onlyLeadingKeys(props.table, this.ingestFunction, {
      actions: [
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:Query',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:ConditionCheckItem',
      ],
      partitionKeys: INGEST_PARTITIONS.map((prefix) => `${prefix}*`),
    });
    this.ingestFunction.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: 10,
        reportBatchItemFailures: true,
        maxConcurrency: Math.max(2, ingestConcurrency),
      }),
    );

    this.acknowledgeNagFindings();
  }

  /**
   * Declares the S3 → SQS notification on the bucket itself. CDK's
   * `addEventNotification` would instead deploy a Lambda-backed custom
   * resource holding s3:PutBucketNotification on every bucket. Declared
   * natively, the queue policy cannot name the bucket's ARN (the bucket
   * depends on the policy), so it is scoped to this account instead.
   */
  private notifyQueueOfSubmissions(): void {
    const s3 = new ServicePrincipal('s3.amazonaws.com').withConditions({
      StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
    });
    const grant = this.queue.grantSendMessages(s3);
    const bucket = this.ingestBucket.node.defaultChild as CfnBucket;
    bucket.notificationConfiguration = {
      // One configuration per suffix: S3 filters allow one suffix each.
      queueConfigurations: SUBMISSION_FILTER.suffixes.map((suffix) => ({
        event: 's3:ObjectCreated:*',
        queue: this.queue.queueArn,
        filter: {
          s3Key: {
            rules: [
              { name: 'prefix', value: SUBMISSION_FILTER.prefix },
              { name: 'suffix', value: suffix },
            ],
          },
        },
      })),
    };
    // S3 checks that it may send to the queue when the notification is set.
    grant.applyBefore(bucket);
  }

  private acknowledgeNagFindings(): void {
    Validations.of(this.ingestFunction).acknowledge(
      {
        id: 'Serverless-LambdaDLQ',
        reason:
          'The function is invoked synchronously by its SQS event source mapping; failed messages move to the queue dead-letter queue after three receives.',
      },
      {
        id: 'Serverless-LambdaEventSourceMappingDestination',
        reason:
          'SQS event source mappings do not support on-failure destinations; the queue redrive policy sends failed messages to the dead-letter queue instead.',
      },
    );
    acknowledgeFindings(
      this.ingestFunction.executionRole,
      'AwsSolutions-IAM5',
      [
        'Action::s3:GetObject*',
        'Action::s3:GetBucket*',
        'Action::s3:List*',
        'Action::s3:DeleteObject*',
        'Action::s3:Abort*',
        'Action::kms:GenerateDataKey*',
        'Action::kms:ReEncrypt*',
        arnWildcardOf(this.ingestBucket),
        arnWildcardOf(this.curatedBucket),
      ],
      'Bucket and key grants confine these wildcards to the ingest and curated buckets, their objects (submission keys are not known in advance) and the data-key operations S3 performs with their KMS keys.',
    );
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason:
        'This is the terminal dead-letter queue of the submission queue; an operator inspects and redrives its messages.',
    });
  }
}

/** Settings shared by the ingest and curated buckets. */
const securedBucketProps = (key: Key) => ({
  encryption: BucketEncryption.KMS,
  encryptionKey: key,
  bucketKeyEnabled: true,
  versioned: true,
  blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
  enforceSSL: true,
  removalPolicy: RemovalPolicy.RETAIN,
});

export type { SubmissionIntakeProps };
export { SubmissionIntake };
