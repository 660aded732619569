import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  ENV,
  SUBMISSION_FILTER,
  TABLE_KEYS,
} from '../../functions/shared/resources.js';
import { MISSING_SUBMISSIONS } from '../../infra/constructs/Observability.js';
import {
  actionsOf,
  policyDocuments,
  render,
  resourcesOf,
  roleStatements,
  type Statement,
} from './iamPolicies.js';
import { pipelineStack, pipelineStackFromContext } from './pipelineApp.js';

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

const ingestFunction = () =>
  onlyResource('AWS::Lambda::Function', {
    Environment: {
      Variables: Match.objectLike({
        [ENV.ingestBucket]: Match.anyValue(),
        UPLOAD_URL_TTL_SECONDS: Match.absent(),
      }),
    },
  });
const publishFunction = () => functionWithEnv(ENV.publicBucket);
const uploadApiFunction = () => functionWithEnv('UPLOAD_URL_TTL_SECONDS');
const rollupFunction = () =>
  onlyResource('AWS::Lambda::Function', {
    Environment: {
      Variables: Match.objectLike({
        [ENV.ingestBucket]: Match.absent(),
        [ENV.publicBucket]: Match.absent(),
        REMINDER_SENDER: Match.absent(),
      }),
    },
  });

const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

describe('PipelineStack functions', () => {
  it('runs exactly the five pipeline functions on nodejs22.x and arm64', () => {
    const functions = template.findResources('AWS::Lambda::Function', {
      Properties: { Runtime: 'nodejs22.x', Architectures: ['arm64'] },
    });

    expect(Object.keys(functions)).toHaveLength(5);
    template.resourceCountIs('AWS::Lambda::Function', 5);
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

    expect(Object.keys(functions)).toHaveLength(5);
  });

  it('gives every function its own log group with retention', () => {
    const logGroups = template.findResources('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: Match.anyValue() },
    });
    const used = Object.values(
      template.findResources('AWS::Lambda::Function'),
    ).map((fn) => (fn as Resource).Properties.LoggingConfig);

    // Beyond the functions': the upload API's access log and the
    // publication chain's state machine log.
    const others = JSON.stringify([
      template.findResources('AWS::ApiGatewayV2::Stage'),
      template.findResources('AWS::StepFunctions::StateMachine'),
    ]);
    const ofFunctions = Object.keys(logGroups).filter(
      (id) => !others.includes(`"${id}"`),
    );

    expect(Object.keys(logGroups)).toHaveLength(7);
    expect(ofFunctions).toHaveLength(5);
    expect(used).toHaveLength(5);
    expect(used).toEqual(
      expect.arrayContaining(
        ofFunctions.map((id) => ({ LogGroup: { Ref: id } })),
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
      Variables: { [ENV.table]: { Ref: table } },
    });
    // The rollup reads the table only: no bucket is named to it.
    expect(
      JSON.stringify(rollupFunction().resource.Properties.Environment),
    ).not.toContain(ENV.curatedBucket);
    expect(publishFunction().resource.Properties.Environment).toMatchObject({
      Variables: {
        [ENV.curatedBucket]: { Ref: curated },
        [ENV.publicBucket]: { Ref: published },
        [ENV.table]: { Ref: table },
      },
    });
    expect(uploadApiFunction().resource.Properties.Environment).toMatchObject({
      Variables: {
        [ENV.ingestBucket]: { Ref: ingest },
        [ENV.curatedBucket]: { Ref: curated },
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

  it('gives a batch of large files 10 minutes, and keeps messages invisible for six times that', () => {
    const timeout = ingestFunction().resource.Properties.Timeout as number;

    expect(timeout).toBe(600);
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

  it('notifies the queue only of new CSV and XLSX files under submissions/', () => {
    const { resource } = bucketLoggingTo('s3/ingest/');

    expect(SUBMISSION_FILTER).toEqual({
      prefix: 'submissions/',
      suffixes: ['.csv', '.xlsx'],
    });
    expect(resource.Properties.NotificationConfiguration).toEqual({
      QueueConfigurations: ['.csv', '.xlsx'].map((suffix) => ({
        Event: 's3:ObjectCreated:*',
        Queue: arnOf(queue().id),
        Filter: {
          S3Key: {
            Rules: [
              { Name: 'prefix', Value: 'submissions/' },
              { Name: 'suffix', Value: suffix },
            ],
          },
        },
      })),
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
    const role = render(ingestFunction().resource.Properties.Role).replace(
      /^<(.*)\.Arn>$/,
      '$1',
    );
    const onIngestBucket = roleStatements(template, role).filter((statement) =>
      resourcesOf(statement).some((resource) =>
        render(resource).startsWith(`<${ingestBucket}.Arn>`),
      ),
    );

    expect(onIngestBucket).toHaveLength(1);
    expect(actionsOf(onIngestBucket[0] as Statement).sort()).toEqual([
      's3:GetBucket*',
      's3:GetObject*',
      's3:List*',
    ]);
  });
});

describe('PipelineStack quarterly schedules', () => {
  const stateMachine = () =>
    onlyResource('AWS::StepFunctions::StateMachine', {}).id;

  it.each(['cron(0 1 16 3,6,9,12 ? *)', 'cron(0 1 1 1,4,7,10 ? *)'])(
    'rolls up and publishes on %s in Ho Chi Minh City time, through the chain',
    (expression) => {
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: expression,
        ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
        State: 'ENABLED',
        Target: Match.objectLike({
          Arn: { Ref: stateMachine() },
          Input: '{"scheduled":true}',
          DeadLetterConfig: { Arn: Match.anyValue() },
        }),
      });
    },
  );

  it('creates no other schedules but the daily reminders: publishing has no clock of its own', () => {
    template.resourceCountIs('AWS::Scheduler::Schedule', 3);
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
  const topic = () =>
    onlyResource('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() }).id;
  const functions = () =>
    Object.keys(template.findResources('AWS::Lambda::Function'));

  it('sends every alarm, and only on going above zero, to the encrypted topic', () => {
    const alarms = Object.values(
      template.findResources('AWS::CloudWatch::Alarm'),
    );

    expect(alarms).toHaveLength(5 * 2 + 4 + 1);
    for (const alarm of alarms) {
      expect(alarm.Properties).toMatchObject({
        AlarmActions: [{ Ref: topic() }],
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
      });
    }
  });

  it.each([
    ['errors', 'Errors'],
    ['throttles', 'Throttles'],
  ])('alarms on %s of each function', (_what, metricName) => {
    for (const fn of functions()) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: metricName,
        Statistic: 'Sum',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: fn } }],
        AlarmActions: [{ Ref: topic() }],
      });
    }
  });

  it('alarms on each dead-letter queue holding a message', () => {
    const alarms = template.findResources('AWS::CloudWatch::Alarm', {
      Properties: {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        AlarmActions: [{ Ref: topic() }],
      },
    });

    expect(Object.keys(alarms)).toHaveLength(4);
  });

  it('alarms when submissions are still missing after the deadline', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'ThanhHoaOpenData',
      MetricName: 'MissingSubmissions',
      Dimensions: [{ Name: 'service', Value: 'thanhhoa-opendata' }],
      Statistic: 'Maximum',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: topic() }],
    });
  });

  it('watches the metric exactly as the rollup function emits it', async () => {
    const { metrics } = await import('../../functions/shared/metrics.js');

    metrics.addMetric('MissingSubmissions', 'Count', 3);
    const emf = metrics.serializeMetrics();
    metrics.clearMetrics();

    const [directive] = emf._aws.CloudWatchMetrics;
    expect(directive?.Namespace).toBe(MISSING_SUBMISSIONS.namespace);
    expect(directive?.Metrics).toEqual([
      { Name: MISSING_SUBMISSIONS.metricName, Unit: 'Count' },
    ]);
    expect(directive?.Dimensions).toEqual([
      Object.keys(MISSING_SUBMISSIONS.dimensionsMap),
    ]);
    expect(emf).toMatchObject(MISSING_SUBMISSIONS.dimensionsMap);
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

describe('PipelineStack outputs', () => {
  it('outputs what agencies and operators need', () => {
    const outputs = Object.keys(template.findOutputs('*'));

    expect(outputs.sort()).toEqual([
      'CuratedBucketName',
      'DistributionDomainName',
      'IngestBucketName',
      'OpenDataUrl',
      'SubmitterRoleArn',
      'UploadApiUrl',
    ]);
  });
});

describe('PipelineStack permissions', () => {
  const isWildcard = (action: string) =>
    action === '*' || action.endsWith(':*');

  it('grants no role a "*" or "service:*" action', () => {
    const wildcards = policyDocuments(template)
      .filter((document) => document.kind !== 'resource')
      .flatMap((document) =>
        document.statements
          .flatMap(actionsOf)
          .filter(isWildcard)
          .map((action) => `${document.id}: ${action}`),
      );

    expect(wildcards).toEqual([]);
  });

  it('uses "service:*" in resource policies only to deny plain HTTP or to delegate a KMS key to the account', () => {
    const allowed = policyDocuments(template)
      .filter((document) => document.kind === 'resource')
      .flatMap((document) =>
        document.statements
          .filter((statement) => actionsOf(statement).some(isWildcard))
          .filter(
            (statement) =>
              !(
                statement.Effect === 'Deny' &&
                JSON.stringify(statement.Condition) ===
                  JSON.stringify({ Bool: { 'aws:SecureTransport': 'false' } })
              ),
          )
          .map((statement) => ({ type: document.type, statement })),
      );

    // The KMS default key policy: IAM policies decide who uses the key.
    expect(allowed).toHaveLength(3);
    for (const { type, statement } of allowed) {
      expect(type).toBe('AWS::KMS::Key');
      expect(statement).toMatchObject({
        Effect: 'Allow',
        Action: 'kms:*',
        Principal: { AWS: 'arn:aws:iam::123456789012:root' },
      });
    }
  });

  it('lets only uploaders put into the ingest bucket, and nobody delete from it', () => {
    const ingestBucket = bucketLoggingTo('s3/ingest/').id;
    const writers = policyDocuments(template)
      .filter((document) => document.kind === 'identity')
      .flatMap((document) =>
        document.statements
          .filter((statement) =>
            resourcesOf(statement).some((resource) =>
              render(resource).startsWith(`<${ingestBucket}.Arn>`),
            ),
          )
          .flatMap(actionsOf)
          .filter((action) => /^s3:(Put|Delete|\*)/.test(action))
          .map((action) => ({ policy: document.id, action })),
      )
      .sort((a, b) => a.policy.localeCompare(b.policy));

    expect(writers).toEqual([
      {
        policy: expect.stringMatching(/^AgencyAccessSubmitterRole/),
        action: 's3:PutObject',
      },
      {
        policy: expect.stringMatching(/^SubmissionApiApiFunctionRole/),
        action: 's3:PutObject',
      },
    ]);
  });
});

describe('PipelineStack from the deployment context', () => {
  const ingestBucketOf = (context: Record<string, unknown>) => {
    const stackTemplate = Template.fromStack(
      pipelineStackFromContext(context).stack,
    );
    return Object.values(
      stackTemplate.findResources('AWS::S3::Bucket', {
        Properties: {
          LoggingConfiguration: Match.objectLike({
            LogFilePrefix: 's3/ingest/',
          }),
        },
      }),
    )[0] as Resource;
  };

  it('locks no object without the objectLock flag', () => {
    for (const bucket of Object.values(
      template.findResources('AWS::S3::Bucket'),
    )) {
      expect(bucket.Properties.ObjectLockEnabled).toBeUndefined();
      expect(bucket.Properties.ObjectLockConfiguration).toBeUndefined();
    }
    expect(
      ingestBucketOf({ objectLock: 'false' }).Properties.ObjectLockEnabled,
    ).toBeUndefined();
  });

  it.each([
    ['-c objectLock=true', 'true'],
    ['cdk.json "objectLock": true', true],
  ])(
    'locks raw uploads for 365 days in GOVERNANCE mode with %s',
    (_how, value) => {
      const bucket = ingestBucketOf({ objectLock: value });

      expect(bucket.Properties).toMatchObject({
        ObjectLockEnabled: true,
        ObjectLockConfiguration: {
          ObjectLockEnabled: 'Enabled',
          Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } },
        },
        VersioningConfiguration: { Status: 'Enabled' },
      });
    },
  );

  it('serves the site on a custom domain with its certificate and TLS 1.2', () => {
    const certificateArn =
      'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666';
    const custom = Template.fromStack(
      pipelineStackFromContext({
        domainName: 'opendata.thanhhoa.gov.vn',
        certificateArn,
      }).stack,
    );

    custom.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['opendata.thanhhoa.gov.vn'],
        ViewerCertificate: {
          AcmCertificateArn: certificateArn,
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
      }),
    });
    custom.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          PUBLIC_SITE_URL: 'https://opendata.thanhhoa.gov.vn/',
        }),
      },
    });
    custom.hasOutput('OpenDataUrl', {
      Value: 'https://opendata.thanhhoa.gov.vn/',
    });
  });

  it.each([
    [{ objectLock: 'yes' }, /objectLock.*true or false/],
    [{ domainName: 'opendata.thanhhoa.gov.vn' }, /give both or neither/],
    [
      {
        domainName: 'opendata.thanhhoa.gov.vn',
        certificateArn:
          'arn:aws:acm:ap-southeast-1:123456789012:certificate/0a1b2c3d',
      },
      /us-east-1/,
    ],
    [{ stage: 'Prod' }, /stage/],
  ])('refuses the context %j', (context, message) => {
    expect(() => pipelineStackFromContext(context)).toThrow(message);
  });
});
