import { Duration, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  type HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  ENV,
  PARTITIONS,
  SUBMISSION_FILTER,
} from '../../functions/shared/resources.js';
import { acknowledgeFindings, arnWildcardOf } from './nagFindings.js';
import { PipelineFunction } from './PipelineFunction.js';
import { viaS3 } from './s3Access.js';
import { onlyLeadingKeys } from './tableAccess.js';

/** Every submission and every report lives under this prefix. */
const SUBMISSIONS = `${SUBMISSION_FILTER.prefix}*`;

/** Properties of a {@link SubmissionApi}. */
interface SubmissionApiProps {
  /** Bucket the presigned PUT URLs point into. */
  readonly ingestBucket: IBucket;
  /** Key that encrypts {@link ingestBucket}. */
  readonly ingestKey: IKey;
  /** Bucket of the validation reports the API links to. */
  readonly curatedBucket: IBucket;
  /** Key that encrypts {@link curatedBucket}. */
  readonly curatedKey: IKey;
  /** Table holding the token hashes and the upload ledger. */
  readonly table: ITable;
  /** How long a presigned upload or report URL stays valid. @default Duration.minutes(15) */
  readonly urlTtl?: Duration;
  /** Origins whose browser pages may call the API. @default ['*'] (tokens travel in a header, never in cookies) */
  readonly allowedOrigins?: readonly string[];
  /**
   * Steady requests per second the API lets through, all callers together;
   * API Gateway answers 429 above it, before the function runs.
   * @default 10 (burst 20); `POST /submissions` 2 (burst 5)
   */
  readonly throttle?: {
    readonly rateLimit: number;
    readonly burstLimit: number;
  };
  /** Most concurrent runs of the API function. @default 10 */
  readonly reservedConcurrency?: number;
}

/** The routes of the upload API, as API Gateway route keys. */
const ROUTES = {
  submit: { method: HttpMethod.POST, path: '/submissions' },
  /** The steward's sign-off (a token with the steward role). */
  approve: { method: HttpMethod.POST, path: '/approvals' },
  report: {
    method: HttpMethod.GET,
    path: '/reports/{unit}/{period}/{dataset}',
  },
} as const;

/**
 * What the stage logs per request: who called (IP), what, and the outcome.
 * Never the Authorization header or the body.
 */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  integrationError: '$context.integrationErrorMessage',
};

/**
 * The agencies' upload API: the `upload-api` function behind an API Gateway
 * HTTP API with two routes and throttling, so a flood is answered 429 by API
 * Gateway instead of using up Lambda concurrency. The function checks each
 * agency's bearer token itself and hands out a presigned POST for exactly one
 * submission key, bounded in size, and links to its reports. There is no
 * function URL: only this API may invoke the function.
 */
class SubmissionApi extends Construct {
  /** The `upload-api` function. */
  public readonly apiFunction: PipelineFunction;
  /** The HTTP API in front of it. */
  public readonly httpApi: HttpApi;
  /** Its throttled `$default` stage. */
  public readonly stage: HttpStage;
  /** Base URL of the API, ending in `/`. */
  public readonly url: string;

  public constructor(scope: Construct, id: string, props: SubmissionApiProps) {
    super(scope, id);
    const ttl = props.urlTtl ?? Duration.minutes(15);

    this.apiFunction = new PipelineFunction(this, 'ApiFunction', {
      name: 'upload-api',
      description:
        'Gives agencies presigned upload URLs and their validation reports',
      timeout: Duration.seconds(10),
      reservedConcurrentExecutions: props.reservedConcurrency ?? 10,
      environment: {
        [ENV.ingestBucket]: props.ingestBucket.bucketName,
        [ENV.curatedBucket]: props.curatedBucket.bucketName,
        [ENV.table]: props.table.tableName,
        [ENV.uploadUrlTtl]: String(ttl.toSeconds()),
      },
    });
    const integration = new HttpLambdaIntegration(
      'Integration',
      this.apiFunction,
    );
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Agencies upload API: presigned uploads and reports',
      createDefaultStage: false,
      corsPreflight: {
        allowMethods: [CorsHttpMethod.POST, CorsHttpMethod.GET],
        allowOrigins: [...(props.allowedOrigins ?? ['*'])],
        allowHeaders: ['authorization', 'content-type'],
        maxAge: Duration.hours(1),
      },
    });
    for (const route of Object.values(ROUTES)) {
      this.httpApi.addRoutes({
        path: route.path,
        methods: [route.method],
        integration,
      });
    }
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.SIX_MONTHS,
    });
    const throttle = props.throttle ?? { rateLimit: 10, burstLimit: 20 };
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
    // A presigned upload is asked for once per file; reports are polled.
    // RouteSettings is untyped JSON in CloudFormation: keys as AWS spells them.
    (this.stage.node.defaultChild as CfnStage).routeSettings = {
      [`${ROUTES.submit.method} ${ROUTES.submit.path}`]: {
        ThrottlingRateLimit: Math.min(2, throttle.rateLimit),
        ThrottlingBurstLimit: Math.min(5, throttle.burstLimit),
      },
    };
    this.url = `${this.httpApi.apiEndpoint}/`;

    // Hand-written rather than bucket.grantPut/grantRead: those add
    // s3:PutObjectRetention, s3:GetObject* and s3:List*, which a URL signer
    // for one PUT and one GET does not need. A presigned URL can do no more
    // than the role that signed it.
    Grant.addToPrincipal({
      grantee: this.apiFunction,
      actions: ['s3:PutObject'],
      resourceArns: [props.ingestBucket.arnForObjects(SUBMISSIONS)],
    });
    Grant.addToPrincipal({
      grantee: this.apiFunction,
      actions: ['kms:GenerateDataKey', 'kms:Encrypt'],
      resourceArns: [props.ingestKey.keyArn],
      conditions: viaS3(this),
    });
    Grant.addToPrincipal({
      grantee: this.apiFunction,
      actions: ['s3:GetObject'],
      resourceArns: [props.curatedBucket.arnForObjects(SUBMISSIONS)],
    });
    Grant.addToPrincipal({
      grantee: this.apiFunction,
      actions: ['kms:Decrypt'],
      resourceArns: [props.curatedKey.keyArn],
      conditions: viaS3(this),
    });
    // Token items and the unit's ledger entries; nothing else of the table.
    onlyLeadingKeys(props.table, this.apiFunction, {
      actions: ['dynamodb:GetItem', 'dynamodb:Query'],
      partitionKeys: [PARTITIONS.token, `${PARTITIONS.period}*`],
    });
    // The steward's sign-off route (POST /approvals) adds SIGNOFF# events to
    // a quarter's partition; a put, never an update or a delete.
    onlyLeadingKeys(props.table, this.apiFunction, {
      actions: ['dynamodb:PutItem'],
      partitionKeys: [`${PARTITIONS.period}*`],
    });

    this.acknowledgeNagFindings(props);
  }

  private acknowledgeNagFindings(props: SubmissionApiProps): void {
    Validations.of(this.apiFunction).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'The function is only invoked synchronously by the HTTP API: the caller gets the error and retries, so there is no event to keep.',
    });
    Validations.of(this.httpApi).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Agencies hold bearer tokens that the function checks against their SHA-256 in the table (expiry, revocation, dataset scope); an API Gateway authorizer would add a second invocation per request for the same check.',
    });
    acknowledgeFindings(
      this.apiFunction.executionRole,
      'AwsSolutions-IAM5',
      [
        arnWildcardOf(props.ingestBucket, `/${SUBMISSIONS}`),
        arnWildcardOf(props.curatedBucket, `/${SUBMISSIONS}`),
      ],
      'The key is chosen per request (one submission key per presigned URL, once the token has named the unit); the wildcards stay under submissions/ of the ingest and curated buckets.',
    );
  }
}

export type { SubmissionApiProps };
export { SubmissionApi };
