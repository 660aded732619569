import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  ENV,
  SUBMISSION_FILTER,
  TABLE_KEYS,
} from '../../functions/shared/resources.js';
import { pipelineStack } from './pipelineApp.js';

type Resource = {
  Type: string;
  Properties: Record<string, unknown>;
  DependsOn?: string[];
  DeletionPolicy?: string;
};

const template = Template.fromStack(pipelineStack().stack);

/** The one resource of a type matching the properties, with its logical id. */
const onlyResource = (
  type: string,
  properties: Record<string, unknown>,
): { id: string; resource: Resource } => {
  const found = Object.entries(
    template.findResources(type, { Properties: properties }),
  );
  expect(found, `${type} matching ${JSON.stringify(properties)}`).toHaveLength(
    1,
  );
  const [id, resource] = found[0] as [string, Resource];
  return { id, resource };
};

/** A bucket, recognised by the prefix of its server access logs. */
const bucketLoggingTo = (prefix: string) =>
  onlyResource('AWS::S3::Bucket', {
    LoggingConfiguration: Match.objectLike({ LogFilePrefix: prefix }),
  });

/** A pipeline function, recognised by an environment variable only it has. */
const functionWithEnv = (variable: string, value?: unknown) =>
  onlyResource('AWS::Lambda::Function', {
    Environment: {
      Variables: Match.objectLike({ [variable]: value ?? Match.anyValue() }),
    },
  });

const ingestFunction = () => functionWithEnv(ENV.ingestBucket);
const publishFunction = () => functionWithEnv(ENV.publicBucket);
const rollupFunction = () =>
  onlyResource('AWS::Lambda::Function', {
    Environment: {
      Variables: Match.objectLike({
        [ENV.ingestBucket]: Match.absent(),
        [ENV.publicBucket]: Match.absent(),
      }),
    },
  });

const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

describe('PipelineStack functions', () => {
  it('runs exactly the three pipeline functions on nodejs22.x and arm64', () => {
    const functions = template.findResources('AWS::Lambda::Function', {
      Properties: { Runtime: 'nodejs22.x', Architectures: ['arm64'] },
    });

    expect(Object.keys(functions)).toHaveLength(3);
  });

  it('gives every function source maps, 512 MB and the bundled schemas', () => {
    const functions = template.findResources('AWS::Lambda::Function', {
      Properties: {
        MemorySize: 512,
        Environment: {
          Variables: Match.objectLike({
            NODE_OPTIONS: '--enable-source-maps',
            [ENV.schemasDir]: '/var/task/schemas',
          }),
        },
      },
    });

    expect(Object.keys(functions)).toHaveLength(3);
  });

  it('gives every function its own log group with retention', () => {
    const logGroups = template.findResources('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: Match.anyValue() },
    });
    const used = Object.values(
      template.findResources('AWS::Lambda::Function'),
    ).map((fn) => (fn as Resource).Properties.LoggingConfig);

    expect(Object.keys(logGroups)).toHaveLength(3);
    expect(used).toHaveLength(3);
    expect(used).toEqual(
      expect.arrayContaining(
        Object.keys(logGroups).map((id) => ({ LogGroup: { Ref: id } })),
      ),
    );
  });

  it('passes bucket and table names to each function', () => {
    const table = onlyResource('AWS::DynamoDB::Table', {}).id;
    const ingest = bucketLoggingTo('s3/ingest/').id;
    const curated = bucketLoggingTo('s3/curated/').id;
    const published = bucketLoggingTo('s3/public/').id;

    expect(ingestFunction().resource.Properties.Environment).toMatchObject({
      Variables: {
        [ENV.ingestBucket]: { Ref: ingest },
        [ENV.curatedBucket]: { Ref: curated },
        [ENV.table]: { Ref: table },
      },
    });
    expect(rollupFunction().resource.Properties.Environment).toMatchObject({
      Variables: {
        [ENV.curatedBucket]: { Ref: curated },
        [ENV.table]: { Ref: table },
      },
    });
    expect(publishFunction().resource.Properties.Environment).toMatchObject({
      Variables: {
        [ENV.curatedBucket]: { Ref: curated },
        [ENV.publicBucket]: { Ref: published },
        [ENV.table]: { Ref: table },
      },
    });
  });

  it('sends failed asynchronous runs of rollup and publishing to a queue', () => {
    for (const fn of [rollupFunction(), publishFunction()]) {
      expect(fn.resource.Properties.DeadLetterConfig).toEqual({
        TargetArn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] },
      });
    }
  });
});

describe('PipelineStack buckets', () => {
  it('blocks all public access on every bucket', () => {
    const buckets = template.findResources('AWS::S3::Bucket');

    expect(Object.keys(buckets)).toHaveLength(4);
    for (const bucket of Object.values(buckets)) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
  });

  it.each([
    ['ingest', 's3/ingest/'],
    ['curated', 's3/curated/'],
  ])('encrypts the %s bucket with a rotating KMS key', (_name, prefix) => {
    const { resource } = bucketLoggingTo(prefix);
    const [rule] = (
      resource.Properties.BucketEncryption as {
        ServerSideEncryptionConfiguration: {
          ServerSideEncryptionByDefault: {
            SSEAlgorithm: string;
            KMSMasterKeyID: { 'Fn::GetAtt': [string, string] };
          };
        }[];
      }
    ).ServerSideEncryptionConfiguration;
    const byDefault = rule?.ServerSideEncryptionByDefault;
    const keyId = byDefault?.KMSMasterKeyID['Fn::GetAtt'][0] ?? '';

    expect(byDefault?.SSEAlgorithm).toBe('aws:kms');
    expect(template.toJSON().Resources[keyId]).toMatchObject({
      Type: 'AWS::KMS::Key',
      Properties: { EnableKeyRotation: true },
    });
  });

  it('encrypts the public bucket with S3-managed keys', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 's3/public/' }),
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
    });
  });

  it('denies every request to every bucket that does not use TLS', () => {
    for (const id of Object.keys(template.findResources('AWS::S3::Bucket'))) {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 's3:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
  });

  it.each([
    ['ingest', 's3/ingest/'],
    ['curated', 's3/curated/'],
    ['public', 's3/public/'],
  ])('versions and retains the %s bucket', (_name, prefix) => {
    const { resource } = bucketLoggingTo(prefix);

    expect(resource.Properties.VersioningConfiguration).toEqual({
      Status: 'Enabled',
    });
    expect(resource.DeletionPolicy).toBe('Retain');
  });

  it('moves ageing submissions and old versions to Intelligent-Tiering after 30 days', () => {
    const { resource } = bucketLoggingTo('s3/ingest/');

    expect(resource.Properties.LifecycleConfiguration).toMatchObject({
      Rules: [
        {
          Status: 'Enabled',
          Transitions: [
            { StorageClass: 'INTELLIGENT_TIERING', TransitionInDays: 30 },
          ],
          NoncurrentVersionTransitions: [
            { StorageClass: 'INTELLIGENT_TIERING', TransitionInDays: 30 },
          ],
        },
      ],
    });
  });

  it('writes server access logs of the data buckets to the logs bucket', () => {
    const logs = onlyResource('AWS::S3::Bucket', {
      LoggingConfiguration: Match.absent(),
    }).id;

    for (const prefix of ['s3/ingest/', 's3/curated/', 's3/public/']) {
      expect(
        bucketLoggingTo(prefix).resource.Properties.LoggingConfiguration,
      ).toEqual({
        DestinationBucketName: { Ref: logs },
        LogFilePrefix: prefix,
      });
    }
  });
});

describe('PipelineStack table', () => {
  it('keys the table as TABLE_KEYS says and bills per request', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: TABLE_KEYS.partitionKey, AttributeType: 'S' },
        { AttributeName: TABLE_KEYS.sortKey, AttributeType: 'S' },
      ]),
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('protects the table with PITR, deletion protection, encryption and retention', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        SSESpecification: { SSEEnabled: true },
      }),
    });
  });
});

describe('PipelineStack submission intake', () => {
  const queue = () =>
    onlyResource('AWS::SQS::Queue', { RedrivePolicy: Match.anyValue() });

  it('redrives failed submissions to a 14-day dead-letter queue after three receives', () => {
    const { resource } = queue();
    const redrive = resource.Properties.RedrivePolicy as {
      deadLetterTargetArn: { 'Fn::GetAtt': [string, string] };
      maxReceiveCount: number;
    };
    const dlq = redrive.deadLetterTargetArn['Fn::GetAtt'][0];

    expect(redrive.maxReceiveCount).toBe(3);
    expect(template.toJSON().Resources[dlq]).toMatchObject({
      Type: 'AWS::SQS::Queue',
      Properties: { MessageRetentionPeriod: 14 * 24 * 3600 },
    });
  });

  it('encrypts every queue and denies it requests without TLS', () => {
    const queues = template.findResources('AWS::SQS::Queue');

    for (const [id, resource] of Object.entries(queues)) {
      expect(resource.Properties.SqsManagedSseEnabled).toBe(true);
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
  });

  it('keeps messages invisible for six times the ingest timeout', () => {
    const timeout = ingestFunction().resource.Properties.Timeout as number;

    expect(queue().resource.Properties.VisibilityTimeout).toBe(timeout * 6);
  });

  it('feeds the ingest function from the queue in batches of 10 with partial failures', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: arnOf(queue().id),
      FunctionName: { Ref: ingestFunction().id },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('notifies the queue only of new CSV files under submissions/', () => {
    const { resource } = bucketLoggingTo('s3/ingest/');

    expect(SUBMISSION_FILTER).toEqual({
      prefix: 'submissions/',
      suffix: '.csv',
    });
    expect(resource.Properties.NotificationConfiguration).toEqual({
      QueueConfigurations: [
        {
          Event: 's3:ObjectCreated:*',
          Queue: arnOf(queue().id),
          Filter: {
            S3Key: {
              Rules: [
                { Name: 'prefix', Value: 'submissions/' },
                { Name: 'suffix', Value: '.csv' },
              ],
            },
          },
        },
      ],
    });
  });

  it('lets S3 of this account send to the queue before the notification is set', () => {
    const policy = onlyResource('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queue().id }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 's3.amazonaws.com' },
            Action: Match.arrayWith(['sqs:SendMessage']),
            Condition: {
              StringEquals: { 'aws:SourceAccount': '123456789012' },
            },
          }),
        ]),
      },
    });

    expect(bucketLoggingTo('s3/ingest/').resource.DependsOn).toContain(
      policy.id,
    );
  });

  it('grants the ingest function no way to change or delete submissions', () => {
    const ingestBucket = bucketLoggingTo('s3/ingest/').id;
    const statements = Object.values(
      template.findResources('AWS::IAM::Policy'),
    ).flatMap(
      (policy) =>
        policy.Properties.PolicyDocument.Statement as {
          Action: string | string[];
          Resource: unknown;
        }[],
    );
    const onIngestBucket = statements.filter((statement) =>
      JSON.stringify(statement.Resource).includes(`"${ingestBucket}"`),
    );

    expect(onIngestBucket).toHaveLength(1);
    expect([onIngestBucket[0]?.Action].flat().sort()).toEqual([
      's3:GetBucket*',
      's3:GetObject*',
      's3:List*',
    ]);
  });
});

describe('PipelineStack quarterly schedules', () => {
  it.each([
    ['rolls up', 'cron(0 1 16 3,6,9,12 ? *)', rollupFunction],
    ['rolls up', 'cron(0 1 1 1,4,7,10 ? *)', rollupFunction],
    ['publishes', 'cron(15 1 16 3,6,9,12 ? *)', publishFunction],
    ['publishes', 'cron(15 1 1 1,4,7,10 ? *)', publishFunction],
  ])('%s on %s in Ho Chi Minh City time', (_verb, expression, target) => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: expression,
      ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: arnOf(target().id),
        Input: '{}',
        DeadLetterConfig: { Arn: Match.anyValue() },
      }),
    });
  });

  it('creates no other schedules', () => {
    template.resourceCountIs('AWS::Scheduler::Schedule', 4);
  });
});

describe('PipelineStack open-data site', () => {
  it('serves the public bucket over HTTPS only through origin access control', () => {
    const publicBucket = bucketLoggingTo('s3/public/').id;
    const oac = onlyResource('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      }),
    }).id;

    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'https-only',
        }),
        Origins: [
          Match.objectLike({
            DomainName: {
              'Fn::GetAtt': [publicBucket, 'RegionalDomainName'],
            },
            OriginAccessControlId: { 'Fn::GetAtt': [oac, 'Id'] },
          }),
        ],
      }),
    });
  });

  it('lets only CloudFront read the public bucket', () => {
    const publicBucket = bucketLoggingTo('s3/public/').id;

    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: publicBucket },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Condition: {
              StringEquals: { 'AWS:SourceArn': Match.anyValue() },
            },
          }),
        ]),
      },
    });
  });

  it('logs CloudFront requests to the logs bucket', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Logging: { Bucket: Match.anyValue(), Prefix: 'cloudfront/' },
      }),
    });
  });
});

describe('PipelineStack alarms', () => {
  it('alarms on errors of each function and on each dead-letter queue', () => {
    const topic = onlyResource('AWS::SNS::Topic', {
      KmsMasterKeyId: Match.anyValue(),
    }).id;
    const alarms = template.findResources('AWS::CloudWatch::Alarm', {
      Properties: {
        AlarmActions: [{ Ref: topic }],
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      },
    });
    const metrics = Object.values(alarms).map(
      (alarm) => alarm.Properties.MetricName,
    );

    expect(metrics.sort()).toEqual([
      'ApproximateNumberOfMessagesVisible',
      'ApproximateNumberOfMessagesVisible',
      'ApproximateNumberOfMessagesVisible',
      'Errors',
      'Errors',
      'Errors',
    ]);
  });

  it('subscribes no email address when none is given', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('subscribes the alarm email when one is given', () => {
    const withEmail = Template.fromStack(
      pipelineStack({ alarmEmail: 'ops@example.org' }).stack,
    );

    withEmail.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.org',
    });
  });
});
