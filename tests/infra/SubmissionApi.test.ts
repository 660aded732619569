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

  it('has no function URL: only the HTTP API may invoke the function', () => {
    template.resourceCountIs('AWS::Lambda::Url', 0);
    const permissions = Object.values(
      template.findResources('AWS::Lambda::Permission', {
        Properties: { FunctionName: { 'Fn::GetAtt': [apiFunction, 'Arn'] } },
      }),
    ).map((permission) => permission.Properties);

    // One permission per route.
    expect(permissions).toHaveLength(3);
    for (const permission of permissions) {
      expect(permission).toMatchObject({
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
      });
      expect(JSON.stringify(permission.SourceArn)).toContain(
        onlyId('AWS::ApiGatewayV2::Api', {}),
      );
    }
  });

  it('routes only POST /submissions, POST /approvals and GET /reports/{unit}/{period}/{dataset} to the function', () => {
    const routes = Object.values(
      template.findResources('AWS::ApiGatewayV2::Route'),
    ).map((route) => route.Properties.RouteKey);

    expect(routes.sort()).toEqual([
      'GET /reports/{unit}/{period}/{dataset}',
      'POST /approvals',
      'POST /submissions',
    ]);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: { 'Fn::GetAtt': [apiFunction, 'Arn'] },
      PayloadFormatVersion: '2.0',
    });
  });

  it('lets browsers call it with POST and GET and an Authorization header', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.objectLike({
        AllowMethods: ['POST', 'GET'],
        AllowHeaders: ['authorization', 'content-type'],
      }),
    });
  });

  it('throttles the stage at 10 requests/s (burst 20) and POST /submissions at 2/s (burst 5)', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: 10,
        ThrottlingBurstLimit: 20,
      },
      RouteSettings: {
        'POST /submissions': {
          ThrottlingRateLimit: 2,
          ThrottlingBurstLimit: 5,
        },
      },
    });
  });

  it('logs every request as JSON, without the token', () => {
    const stage = Object.values(
      template.findResources('AWS::ApiGatewayV2::Stage'),
    )[0];
    const settings = stage?.Properties.AccessLogSettings as {
      DestinationArn: unknown;
      Format: string;
    };

    expect(JSON.parse(settings.Format)).toMatchObject({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      routeKey: '$context.routeKey',
      status: '$context.status',
    });
    expect(settings.Format).not.toMatch(/authorization|header/i);
  });

  it('outputs the API URL', () => {
    const api = onlyId('AWS::ApiGatewayV2::Api', {});

    template.hasOutput('UploadApiUrl', {
      Value: {
        'Fn::Join': ['', [{ 'Fn::GetAtt': [api, 'ApiEndpoint'] }, '/']],
      },
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

  it('reads token items and ledger partitions, and only puts items into quarter partitions (sign-off events)', () => {
    const dynamo = statements.filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith('dynamodb:')),
    );

    expect(dynamo).toEqual([
      expect.objectContaining({
        Action: ['dynamodb:GetItem', 'dynamodb:Query'],
        Condition: {
          'ForAllValues:StringLike': {
            'dynamodb:LeadingKeys': ['TOKEN', 'PERIOD#*'],
          },
        },
      }),
      expect.objectContaining({
        Action: 'dynamodb:PutItem',
        Condition: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['PERIOD#*'] },
        },
      }),
    ]);
  });
});
