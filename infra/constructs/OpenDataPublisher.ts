import { Aws, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type IBucket,
} from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { pageBuildCommand } from '../../functions/publish-datasets/submitPageAssets.js';
import {
  HSTS_MAX_AGE_SECONDS,
  siteContentSecurityPolicy,
} from '../../functions/shared/publish/securityHeaders.js';
import { ENV, SUBMISSION_FILTER } from '../../functions/shared/resources.js';
import { TIER_REPLACED_VERSIONS } from './bucketLifecycle.js';
import { acknowledgeFindings, arnWildcardOf } from './nagFindings.js';
import { PipelineFunction } from './PipelineFunction.js';
import { viaS3 } from './s3Access.js';

/** The normalized file of each submission (`ingestSubmission`: `<folder>/normalized.csv`). */
const NORMALIZED_FILES = `${SUBMISSION_FILTER.prefix}*/normalized.csv`;

/** Properties of an {@link OpenDataPublisher}. */
interface OpenDataPublisherProps {
  /** Table holding the submissions in force and the quarterly aggregates. */
  readonly table: ITable;
  /** Bucket of normalized submissions the datasets are built from. */
  readonly curatedBucket: IBucket;
  /** Key that encrypts {@link curatedBucket}, if it has its own. @default - none */
  readonly curatedKey?: IKey;
  /** Bucket that receives S3 and CloudFront access logs. */
  readonly accessLogsBucket: IBucket;
  /** Maximum run time of one publishing run. @default Duration.minutes(5) */
  readonly publishTimeout?: Duration;
  /**
   * Domain the site is served on, e.g. `opendata.thanhhoa.gov.vn`, with its
   * ACM certificate (issued in us-east-1, as CloudFront requires). The
   * domain's CNAME to the distribution is set at the DNS host.
   * @default - only the distribution's cloudfront.net name
   */
  readonly customDomain?: {
    readonly domainName: string;
    readonly certificate: ICertificate;
  };
}

/**
 * The open-data site: a private bucket of published datasets served only
 * through CloudFront, and the function that (re)publishes them from the table
 * and the curated bucket.
 */
class OpenDataPublisher extends Construct {
  /** Private bucket of published datasets; CloudFront is its only reader. */
  public readonly publicBucket: Bucket;
  /** HTTPS-only distribution in front of {@link publicBucket}. */
  public readonly distribution: Distribution;
  /** Security headers on every response: HSTS, nosniff, CSP, no framing. */
  public readonly securityHeaders: ResponseHeadersPolicy;
  /** Base URL of the site, ending in `/`: the custom domain if there is one. */
  public readonly siteUrl: string;
  /** Queue that receives publishing runs that failed every retry. */
  public readonly failureQueue: Queue;
  /** The `publish-datasets` function. */
  public readonly publishFunction: PipelineFunction;

  public constructor(
    scope: Construct,
    id: string,
    props: OpenDataPublisherProps,
  ) {
    super(scope, id);

    this.publicBucket = new Bucket(this, 'PublicBucket', {
      // SSE-S3 so CloudFront's origin access control can read without a key policy.
      encryption: BucketEncryption.S3_MANAGED,
      versioned: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: 's3/public/',
      lifecycleRules: [TIER_REPLACED_VERSIONS],
    });

    this.securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Security headers of the Thanh Hoa open-data site',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(HSTS_MAX_AGE_SECONDS),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: {
          frameOption: HeadersFrameOption.DENY,
          override: true,
        },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
        contentSecurityPolicy: {
          // The submission page calls the upload API (an HTTP API) and posts
          // files to the ingest bucket, both in this region. Named by
          // pattern: naming the API itself would make the distribution
          // depend on the API whose CORS names the distribution.
          contentSecurityPolicy: siteContentSecurityPolicy([
            `https://*.execute-api.${Aws.REGION}.amazonaws.com`,
            `https://*.s3.${Aws.REGION}.amazonaws.com`,
          ]),
          override: true,
        },
      },
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Thanh Hoa open datasets',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.publicBucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.securityHeaders,
        compress: true,
      },
      defaultRootObject: 'index.html',
      ...(props.customDomain && {
        domainNames: [props.customDomain.domainName],
        certificate: props.customDomain.certificate,
        minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      }),
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Price class 200 includes the edge locations in Vietnam.
      priceClass: PriceClass.PRICE_CLASS_200,
      enableLogging: true,
      logBucket: props.accessLogsBucket,
      logFilePrefix: 'cloudfront/',
    });
    this.siteUrl = `https://${
      props.customDomain?.domainName ?? this.distribution.distributionDomainName
    }/`;

    this.failureQueue = new Queue(this, 'FailureQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

    this.publishFunction = new PipelineFunction(this, 'PublishFunction', {
      name: 'publish-datasets',
      description: 'Republishes every open dataset to the public bucket',
      // The submission page's scripts: the validation core bundled for the browser.
      afterBundling: (inputDir, outputDir) => [
        pageBuildCommand(
          `${inputDir}/functions/shared/publish/page`,
          `${outputDir}/page`,
        ),
      ],
      timeout: props.publishTimeout ?? Duration.minutes(5),
      deadLetterQueue: this.failureQueue,
      // One publishing run at a time: two would race on the release manifests.
      reservedConcurrentExecutions: 1,
      environment: {
        [ENV.table]: props.table.tableName,
        [ENV.curatedBucket]: props.curatedBucket.bucketName,
        [ENV.publicBucket]: this.publicBucket.bucketName,
        // Absolute URLs in DCAT, CKAN and schema.org point at the distribution.
        [ENV.publicSiteUrl]: this.siteUrl,
      },
    });
    props.table.grantReadData(this.publishFunction);
    // Only the normalized files of accepted submissions, never the reports
    // (which quote the agencies' rejected cells) nor the raw uploads.
    Grant.addToPrincipal({
      grantee: this.publishFunction,
      actions: ['s3:GetObject'],
      resourceArns: [props.curatedBucket.arnForObjects(NORMALIZED_FILES)],
    });
    if (props.curatedKey) {
      Grant.addToPrincipal({
        grantee: this.publishFunction,
        actions: ['kms:Decrypt'],
        resourceArns: [props.curatedKey.keyArn],
        conditions: viaS3(this),
      });
    }
    // Reads the last release manifests and CSVs to version what changed.
    this.publicBucket.grantRead(this.publishFunction);
    this.publicBucket.grantPut(this.publishFunction);

    this.acknowledgeNagFindings(props);
  }

  private acknowledgeNagFindings(props: OpenDataPublisherProps): void {
    if (props.customDomain === undefined) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'The distribution uses the default cloudfront.net certificate, whose viewer TLS policy CloudFront fixes; TLSv1.2_2021 comes with the custom domain and its ACM certificate.',
      });
    }
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'Open data is published for everyone, so no country is to be excluded.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'The distribution serves static, cached public files with GET and HEAD only; a WAF would cost more than the risk it removes.',
      },
    );
    acknowledgeFindings(
      this.publishFunction.executionRole,
      'AwsSolutions-IAM5',
      [
        'Action::s3:GetObject*',
        'Action::s3:GetBucket*',
        'Action::s3:List*',
        'Action::s3:Abort*',
        arnWildcardOf(props.curatedBucket, `/${NORMALIZED_FILES}`),
        arnWildcardOf(this.publicBucket),
      ],
      'Bucket grants confine these wildcards to the public bucket and its objects, whose dataset keys are derived at run time, and to the normalized.csv files of the curated bucket.',
    );
    Validations.of(this.failureQueue).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason:
        'This queue is itself a terminal dead-letter target; an operator inspects failed runs and starts them again.',
    });
  }
}

export type { OpenDataPublisherProps };
export { OpenDataPublisher };
