import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  type FunctionUrl,
  FunctionUrlAuthType,
  HttpMethod,
} from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ENV, SUBMISSION_FILTER } from '../../functions/shared/resources.js';
import { acknowledgeFindings, arnWildcardOf } from './nagFindings.js';
import { PipelineFunction } from './PipelineFunction.js';
import { viaS3 } from './s3Access.js';

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
}

/**
 * The agencies' upload API: the `upload-api` function behind a Lambda
 * function URL. It checks each agency's bearer token itself and hands out a
 * presigned PUT URL for exactly one submission key and links to its reports.
 */
class SubmissionApi extends Construct {
  /** The `upload-api` function. */
  public readonly apiFunction: PipelineFunction;
  /** Its public HTTPS endpoint. */
  public readonly url: FunctionUrl;

  public constructor(scope: Construct, id: string, props: SubmissionApiProps) {
    super(scope, id);
    const ttl = props.urlTtl ?? Duration.minutes(15);

    this.apiFunction = new PipelineFunction(this, 'ApiFunction', {
      name: 'upload-api',
      description:
        'Gives agencies presigned upload URLs and their validation reports',
      timeout: Duration.seconds(10),
      environment: {
        [ENV.ingestBucket]: props.ingestBucket.bucketName,
        [ENV.curatedBucket]: props.curatedBucket.bucketName,
        [ENV.table]: props.table.tableName,
        [ENV.uploadUrlTtl]: String(ttl.toSeconds()),
      },
    });
    this.url = this.apiFunction.addFunctionUrl({
      // The function authenticates every request by its bearer token.
      authType: FunctionUrlAuthType.NONE,
      cors: {
        allowedMethods: [HttpMethod.POST, HttpMethod.GET],
        allowedOrigins: [...(props.allowedOrigins ?? ['*'])],
        allowedHeaders: ['authorization', 'content-type'],
        maxAge: Duration.hours(1),
      },
    });

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
    props.table.grantReadData(this.apiFunction);

    this.acknowledgeNagFindings(props);
  }

  private acknowledgeNagFindings(props: SubmissionApiProps): void {
    // No rule of the AwsSolutions or Serverless packs flags the URL's
    // authType NONE (LambdaFunctionUrlAuth belongs to the NIST and HIPAA
    // packs); the function checks the bearer token of every request itself.
    Validations.of(this.apiFunction).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'The function is only invoked synchronously through its function URL: the caller gets the error and retries, so there is no event to keep.',
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
