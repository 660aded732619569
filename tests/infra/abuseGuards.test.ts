import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ENV } from '../../functions/shared/resources.js';
import {
  actionsOf,
  render,
  resourcesOf,
  roleStatements,
} from './iamPolicies.js';
import { pipelineStack } from './pipelineApp.js';
import { templateIds } from './templateIds.js';

const template = Template.fromStack(pipelineStack().stack);
const { onlyId, bucketId } = templateIds(template);
const resources = template.toJSON().Resources as Record<
  string,
  { Type: string; Properties: Record<string, unknown> }
>;

/** A function's logical id, by an environment variable only it has (or lacks). */
const functionId = (variables: Record<string, unknown>) =>
  onlyId('AWS::Lambda::Function', {
    Environment: { Variables: Match.objectLike(variables) },
  });
const ingest = () =>
  functionId({
    [ENV.ingestBucket]: Match.anyValue(),
    UPLOAD_URL_TTL_SECONDS: Match.absent(),
  });
const publish = () => functionId({ [ENV.publicBucket]: Match.anyValue() });
const uploadApi = () =>
  functionId({ UPLOAD_URL_TTL_SECONDS: Match.anyValue() });

/** The identity statements of a function's execution role. */
const statementsOf = (fn: string) =>
  roleStatements(
    template,
    render(resources[fn]?.Properties.Role).replace(/^<(.*)\.Arn>$/, '$1'),
  );

describe('abuse guards: concurrency', () => {
  it('reserves concurrency for every function: ingest 5, upload API 10, rollup and publish 1 (never two at once), reminders 2', () => {
    const reserved = Object.fromEntries(
      Object.entries(template.findResources('AWS::Lambda::Function')).map(
        ([id, fn]) => [id, fn.Properties.ReservedConcurrentExecutions],
      ),
    );

    expect(Object.values(reserved)).toHaveLength(5);
    expect(reserved).toEqual({
      [ingest()]: 5,
      [uploadApi()]: 10,
      [publish()]: 1,
      [functionId({
        [ENV.ingestBucket]: Match.absent(),
        [ENV.publicBucket]: Match.absent(),
        [ENV.reminderSender]: Match.absent(),
      })]: 1,
      [functionId({ [ENV.reminderSender]: Match.anyValue() })]: 2,
    });
  });

  it('never lets the queue start more ingest runs than are reserved', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: ingest() },
      ScalingConfig: { MaximumConcurrency: 5 },
    });
  });
});

describe('abuse guards: ingest bucket encryption', () => {
  const ingestPolicy = () => {
    const bucket = bucketId('s3/ingest/');
    const [policy] = Object.values(
      template.findResources('AWS::S3::BucketPolicy', {
        Properties: { Bucket: { Ref: bucket } },
      }),
    );
    const document = policy?.Properties.PolicyDocument as
      | { Statement: Record<string, unknown>[] }
      | undefined;
    return document?.Statement ?? [];
  };
  const ingestObjects = () => ({
    'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId('s3/ingest/'), 'Arn'] }, '/*']],
  });

  it('denies uploads that ask for SSE-C (a customer-provided key)', () => {
    expect(ingestPolicy()).toContainEqual({
      Sid: 'DenyCustomerProvidedKeys',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:PutObject',
      Resource: ingestObjects(),
      Condition: {
        Null: {
          's3:x-amz-server-side-encryption-customer-algorithm': 'false',
        },
      },
    });
  });

  it("denies uploads encrypted otherwise than with the bucket's own KMS key", () => {
    const encryption = resources[bucketId('s3/ingest/')]?.Properties
      .BucketEncryption as
      | {
          ServerSideEncryptionConfiguration: {
            ServerSideEncryptionByDefault: { KMSMasterKeyID: unknown };
          }[];
        }
      | undefined;
    const key =
      encryption?.ServerSideEncryptionConfiguration[0]
        ?.ServerSideEncryptionByDefault.KMSMasterKeyID;

    expect(ingestPolicy()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Sid: 'DenyOtherEncryption',
          Effect: 'Deny',
          Resource: ingestObjects(),
          Condition: {
            StringNotEqualsIfExists: {
              's3:x-amz-server-side-encryption': 'aws:kms',
            },
          },
        }),
        expect.objectContaining({
          Sid: 'DenyOtherKmsKeys',
          Effect: 'Deny',
          Resource: ingestObjects(),
          Condition: {
            StringNotEqualsIfExists: {
              's3:x-amz-server-side-encryption-aws-kms-key-id': key,
            },
          },
        }),
      ]),
    );
  });
});

describe('abuse guards: IAM', () => {
  it("limits ingest's table access by leading keys to the ledger, index and upload partitions", () => {
    const dynamo = statementsOf(ingest()).filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith('dynamodb:')),
    );

    expect(dynamo).toHaveLength(1);
    expect(dynamo[0]?.Condition).toEqual({
      'ForAllValues:StringLike': {
        'dynamodb:LeadingKeys': [
          'PERIOD#*',
          'DATASET#*',
          'UPLOAD#*',
          'ROLLUP#REQUEST*',
        ],
      },
    });
    expect(actionsOf(dynamo[0] ?? { Effect: 'Allow' })).not.toContain(
      'dynamodb:Scan',
    );
  });

  it('lets publishing read only the normalized files of the curated bucket', () => {
    const curated = bucketId('s3/curated/');
    const onCurated = statementsOf(publish()).filter((statement) =>
      resourcesOf(statement).some((resource) =>
        render(resource).startsWith(`<${curated}.Arn>`),
      ),
    );

    expect(
      onCurated.map((statement) => ({
        actions: actionsOf(statement),
        resources: resourcesOf(statement).map(render),
      })),
    ).toEqual([
      {
        actions: ['s3:GetObject'],
        resources: [`<${curated}.Arn>/submissions/*/normalized.csv`],
      },
    ]);
  });
});

describe('abuse guards: site headers', () => {
  it('sends HSTS, nosniff, a CSP with frame-ancestors none, DENY framing and a referrer policy', () => {
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: {
          StrictTransportSecurity: {
            AccessControlMaxAgeSec: 63072000,
            IncludeSubdomains: true,
            Override: true,
          },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: {
            ReferrerPolicy: 'strict-origin-when-cross-origin',
            Override: true,
          },
          ContentSecurityPolicy: {
            // The submission page's calls: the upload API and the ingest bucket of the region.
            ContentSecurityPolicy: {
              'Fn::Join': [
                '',
                [
                  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' https://*.execute-api.",
                  { Ref: 'AWS::Region' },
                  '.amazonaws.com https://*.s3.',
                  { Ref: 'AWS::Region' },
                  ".amazonaws.com; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
                ],
              ],
            },
            Override: true,
          },
        },
      }),
    });
  });

  it('attaches the policy to the distribution', () => {
    const policy = onlyId('AWS::CloudFront::ResponseHeadersPolicy', {});

    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({
          ResponseHeadersPolicyId: { Ref: policy },
        }),
      }),
    });
  });
});

describe('abuse guards: the submission page from the site', () => {
  it('lets only the site origin post to the ingest bucket, as presigned POST uploads do', () => {
    const buckets = Object.values(
      template.findResources('AWS::S3::Bucket', {
        Properties: { CorsConfiguration: Match.anyValue() },
      }),
    ).map((b) => b.Properties.CorsConfiguration.CorsRules);

    expect(buckets.flat().map((rule) => rule.AllowedMethods)).toEqual(
      expect.arrayContaining([['POST'], ['GET']]),
    );
    for (const rule of buckets.flat()) {
      expect(JSON.stringify(rule.AllowedOrigins)).toContain('Distribution');
    }
  });
});
