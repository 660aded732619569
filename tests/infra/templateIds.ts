import { Match, type Template } from 'aws-cdk-lib/assertions';
import { expect } from 'vitest';

/** Looks up logical ids in a synthesized template, failing the test unless exactly one resource matches. */
const templateIds = (template: Template) => {
  /** Logical id of the one resource of a type matching the properties. */
  const onlyId = (
    type: string,
    properties: Record<string, unknown>,
  ): string => {
    const ids = Object.keys(
      template.findResources(type, { Properties: properties }),
    );
    expect(ids, `${type} matching ${JSON.stringify(properties)}`).toHaveLength(
      1,
    );
    return ids[0] ?? '';
  };

  /** Logical id of the bucket whose access logs go under `logPrefix`. */
  const bucketId = (logPrefix: string) =>
    onlyId('AWS::S3::Bucket', {
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: logPrefix }),
    });

  return { onlyId, bucketId };
};

export { templateIds };
