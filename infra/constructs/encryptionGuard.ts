import { AnyPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';

/**
 * Denies every upload to a bucket that asks for another encryption than the
 * bucket's own KMS key: SSE-C (a customer-provided key, which the functions
 * could never read: three failed ingests, then the dead-letter queue),
 * SSE-S3, or another KMS key. An upload that names no encryption gets the
 * bucket's default, its own key. A key named by id or alias instead of ARN is
 * refused too.
 */
const denyForeignEncryption = (bucket: IBucket, key: IKey): void => {
  const objects = bucket.arnForObjects('*');
  const deny = (sid: string, conditions: Record<string, unknown>) =>
    bucket.addToResourcePolicy(
      new PolicyStatement({
        sid,
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [objects],
        conditions,
      }),
    );
  deny('DenyCustomerProvidedKeys', {
    Null: { 's3:x-amz-server-side-encryption-customer-algorithm': 'false' },
  });
  deny('DenyOtherEncryption', {
    StringNotEqualsIfExists: { 's3:x-amz-server-side-encryption': 'aws:kms' },
  });
  deny('DenyOtherKmsKeys', {
    StringNotEqualsIfExists: {
      's3:x-amz-server-side-encryption-aws-kms-key-id': key.keyArn,
    },
  });
};

export { denyForeignEncryption };
