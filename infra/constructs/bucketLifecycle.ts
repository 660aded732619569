import { Duration } from 'aws-cdk-lib';
import { type LifecycleRule, StorageClass } from 'aws-cdk-lib/aws-s3';

/**
 * For buckets whose objects are replaced in place (curated outputs, the
 * public site): versions no longer current move to Intelligent-Tiering after
 * 30 days, and unfinished multipart uploads are dropped after 7.
 */
const TIER_REPLACED_VERSIONS: LifecycleRule = {
  id: 'TierReplacedVersions',
  noncurrentVersionTransitions: [
    {
      storageClass: StorageClass.INTELLIGENT_TIERING,
      transitionAfter: Duration.days(30),
    },
  ],
  abortIncompleteMultipartUploadAfter: Duration.days(7),
};

export { TIER_REPLACED_VERSIONS };
