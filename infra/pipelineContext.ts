import type { Node } from 'constructs';
import type { PipelineStackProps } from './stacks/PipelineStack.js';

/** What the CDK context (`-c key=value` or cdk.json) says about a deployment. */
type PipelineSettings = Pick<
  PipelineStackProps,
  'stage' | 'alarmEmail' | 'objectLock' | 'customDomain' | 'reminderSender'
> & {
  /** Region to deploy to, if the context names one. */
  readonly region?: string;
};

const STAGE = /^[a-z][a-z0-9-]*$/;
// CloudFront only serves certificates issued in us-east-1.
const CLOUDFRONT_CERTIFICATE =
  /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/;

/**
 * Reads the deployment settings from the CDK context: `stage`, `alarmEmail`,
 * `objectLock`, `domainName` with `certificateArn`, and `region`. Throws
 * with the key's name when a value is malformed.
 */
const pipelineSettingsFromContext = (node: Node): PipelineSettings => {
  const text = (key: string): string | undefined => {
    const value: unknown = node.tryGetContext(key);
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') {
      throw new Error(`Context "${key}" must be a string, got ${typeof value}`);
    }
    return value;
  };
  // `-c flag=true` arrives as a string, cdk.json may hold a boolean.
  const flag = (key: string): boolean => {
    const value: unknown = node.tryGetContext(key);
    if (value === undefined || value === false || value === 'false') {
      return false;
    }
    if (value === true || value === 'true') return true;
    throw new Error(
      `Context "${key}" must be true or false, got "${String(value)}"`,
    );
  };

  const stage = text('stage') ?? 'dev';
  if (!STAGE.test(stage)) {
    throw new Error(
      `Context "stage" must be lower-case letters, digits and dashes, got "${stage}"`,
    );
  }
  const domainName = text('domainName');
  const certificateArn = text('certificateArn');
  if ((domainName === undefined) !== (certificateArn === undefined)) {
    throw new Error(
      'Contexts "domainName" and "certificateArn" go together: give both or neither',
    );
  }
  if (
    certificateArn !== undefined &&
    !CLOUDFRONT_CERTIFICATE.test(certificateArn)
  ) {
    throw new Error(
      `Context "certificateArn" must be an ACM certificate in us-east-1, the only region CloudFront takes them from, got "${certificateArn}"`,
    );
  }

  return {
    stage,
    alarmEmail: text('alarmEmail'),
    objectLock: flag('objectLock'),
    ...(domainName !== undefined &&
      certificateArn !== undefined && {
        customDomain: { domainName, certificateArn },
      }),
    region: text('region'),
    reminderSender: text('reminderSender'),
  };
};

export type { PipelineSettings };
export { pipelineSettingsFromContext };
