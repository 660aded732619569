import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Properties of an {@link AccessLogs}. */
interface AccessLogsProps {
  /** How long access log files are kept. @default Duration.days(365) */
  readonly expiration?: Duration;
}

/**
 * The bucket that collects S3 server access logs of the pipeline's buckets
 * and the CloudFront distribution's access logs.
 */
class AccessLogs extends Construct {
  /** Destination bucket for access logs; give each source its own prefix. */
  public readonly bucket: Bucket;

  public constructor(
    scope: Construct,
    id: string,
    props: AccessLogsProps = {},
  ) {
    super(scope, id);

    this.bucket = new Bucket(this, 'Bucket', {
      // S3 server access logging only delivers to SSE-S3 buckets.
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // CloudFront standard logging writes with ACLs, so they must stay enabled.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ expiration: props.expiration ?? Duration.days(365) }],
    });
  }
}

export type { AccessLogsProps };
export { AccessLogs };
