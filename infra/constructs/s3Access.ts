import { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Condition that lets a principal use a bucket's KMS key only through S3 in
 * the stack's region, i.e. for objects it reads or writes there, never
 * directly.
 */
const viaS3 = (scope: IConstruct): Record<string, Record<string, unknown>> => ({
  StringEquals: {
    'kms:ViaService': `s3.${Stack.of(scope).region}.amazonaws.com`,
  },
});

export { viaS3 };
