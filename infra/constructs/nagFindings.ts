import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * The finding id cdk-nag reports for a wildcard under a resource's ARN, e.g.
 * `Resource::<IngestBucket1A2B3C4D.Arn>/*` for the objects of a bucket.
 * cdk-nag writes a policy variable such as `${aws:PrincipalTag/unit_code}`
 * as `<aws:PrincipalTag/unit_code>`, so the suffix is rewritten the same way.
 */
const arnWildcardOf = (resource: IConstruct, suffix = '/*'): string => {
  const element = resource.node.defaultChild as CfnElement;
  const rendered = suffix.replace(/\$\{([^}]*)\}/g, '<$1>');
  return `Resource::<${Stack.of(resource).getLogicalId(element)}.Arn>${rendered}`;
};

/**
 * Acknowledges each listed finding of one cdk-nag rule (`Rule[finding]`) on a
 * construct and its children, all for the same reason.
 */
const acknowledgeFindings = (
  scope: IConstruct,
  ruleId: string,
  findings: readonly string[],
  reason: string,
): void => {
  Validations.of(scope).acknowledge(
    ...findings.map((finding) => ({ id: `${ruleId}[${finding}]`, reason })),
  );
};

export { acknowledgeFindings, arnWildcardOf };
