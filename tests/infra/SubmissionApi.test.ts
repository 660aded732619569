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

const apiFunction = onlyId('AWS::Lambda::Function', {
  Environment: {
    Variables: Match.objectLike({ UPLOAD_URL_TTL_SECONDS: Match.anyValue() }),
  },
});
const apiRole = render(
  template.toJSON().Resources[apiFunction].Properties.Role,
).replace(/^<(.*)\.Arn>$/, '$1');
const statements = roleStatements(template, apiRole);

describe('SubmissionApi function', () => {
  it('runs the upload-api handler with the buckets, the table and a 15-minute URL lifetime', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('presigned upload URLs'),
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Environment: {
        Variables: Match.objectLike({
          [ENV.ingestBucket]: { Ref: bucketId('s3/ingest/') },
          [ENV.curatedBucket]: { Ref: bucketId('s3/curated/') },
          [ENV.table]: { Ref: onlyId('AWS::DynamoDB::Table', {}) },
          UPLOAD_URL_TTL_SECONDS: '900',
        }),
      },
    });
  });

  it('is reachable through a function URL that allows only POST and GET from browsers', () => {
    template.hasResourceProperties('AWS::Lambda::Url', {
      TargetFunctionArn: { 'Fn::GetAtt': [apiFunction, 'Arn'] },
      AuthType: 'NONE',
      Cors: Match.objectLike({
        AllowMethods: ['POST', 'GET'],
        AllowHeaders: ['authorization', 'content-type'],
      }),
    });
  });

  it('lets anyone call the function only through its URL', () => {
    const permissions = Object.values(
      template.findResources('AWS::Lambda::Permission', {
        Properties: {
          FunctionName: { 'Fn::GetAtt': [apiFunction, 'Arn'] },
          Principal: '*',
        },
      }),
    ).map((permission) => permission.Properties);

    expect(permissions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Action: 'lambda:InvokeFunctionUrl',
          FunctionUrlAuthType: 'NONE',
        }),
        expect.objectContaining({
          Action: 'lambda:InvokeFunction',
          InvokedViaFunctionUrl: true,
        }),
      ]),
    );
    expect(permissions).toHaveLength(2);
  });

  it('outputs the function URL', () => {
    const url = onlyId('AWS::Lambda::Url', {});

    template.hasOutput('UploadApiUrl', {
      Value: { 'Fn::GetAtt': [url, 'FunctionUrl'] },
    });
  });
});

describe('SubmissionApi permissions', () => {
  const s3 = () =>
    statements
      .filter((statement) =>
        actionsOf(statement).some((action) => action.startsWith('s3:')),
      )
      .map((statement) => ({
        actions: actionsOf(statement),
        resources: resourcesOf(statement).map(render),
      }));

  it('puts objects only under submissions/ of the ingest bucket', () => {
    const puts = s3().filter(({ actions }) =>
      actions.some((action) => action.startsWith('s3:Put')),
    );

    expect(puts).toEqual([
      {
        actions: ['s3:PutObject'],
        resources: [`<${bucketId('s3/ingest/')}.Arn>/submissions/*`],
      },
    ]);
  });

  it('has no other S3 permission than that PUT and reading reports under submissions/ of the curated bucket', () => {
    expect(s3()).toEqual([
      {
        actions: ['s3:PutObject'],
        resources: [`<${bucketId('s3/ingest/')}.Arn>/submissions/*`],
      },
      {
        actions: ['s3:GetObject'],
        resources: [`<${bucketId('s3/curated/')}.Arn>/submissions/*`],
      },
    ]);
  });

  it('encrypts with the ingest key and decrypts with the curated key, only through S3', () => {
    const viaS3 = {
      StringEquals: { 'kms:ViaService': 's3.ap-southeast-1.amazonaws.com' },
    };
    const kms = statements
      .filter((statement) =>
        actionsOf(statement).some((action) => action.startsWith('kms:')),
      )
      .map((statement) => ({
        actions: actionsOf(statement).sort(),
        condition: statement.Condition,
      }));

    expect(kms).toEqual([
      { actions: ['kms:Encrypt', 'kms:GenerateDataKey'], condition: viaS3 },
      { actions: ['kms:Decrypt'], condition: viaS3 },
    ]);
  });

  it('reads the table and only puts items into quarter partitions (sign-off events)', () => {
    const dynamo = statements
      .flatMap(actionsOf)
      .filter((action) => action.startsWith('dynamodb:'));
    const put = statements.find((s) =>
      actionsOf(s).includes('dynamodb:PutItem'),
    );

    expect(dynamo).toContain('dynamodb:GetItem');
    expect(dynamo).toContain('dynamodb:Query');
    expect(
      dynamo.filter((action) =>
        /Put|Update|Delete|Write/.test(action.split(':')[1] ?? ''),
      ),
    ).toEqual(['dynamodb:PutItem']);
    expect(put?.Condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['PERIOD#*'] },
    });
  });
});
