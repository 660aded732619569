import type { PolicyValidationPluginReport } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { pipelineStack, pipelineStackFromContext } from './pipelineApp.js';

/** One readable line per unacknowledged violation of the given severity. */
const findingsOf = (
  report: PolicyValidationPluginReport,
  severity: 'error' | 'warning',
): string[] =>
  report.violations
    .filter((violation) => violation.severity === severity)
    .flatMap((violation) =>
      violation.violatingResources.map(
        (resource) =>
          `${violation.ruleName} at ${resource.constructPath}: ${violation.description}`,
      ),
    );

const deployments = [
  // With an alarm email, so the SNS subscription is checked too.
  ['the default stack', pipelineStack({ alarmEmail: 'ops@example.org' })],
  [
    'a stack with object lock and a custom domain',
    pipelineStackFromContext({
      alarmEmail: 'ops@example.org',
      objectLock: 'true',
      domainName: 'opendata.thanhhoa.gov.vn',
      certificateArn:
        'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666',
    }),
  ],
] as const;

describe.each(
  deployments.flatMap(
    ([name, { app, stack }]) =>
      [
        [
          name,
          'AwsSolutions',
          new AwsSolutionsChecks(app, { verbose: true }),
          stack,
        ],
        [
          name,
          'Serverless',
          new ServerlessChecks(app, { verbose: true }),
          stack,
        ],
      ] as const,
  ),
)('%s under the %s pack', (_deployment, _pack, pack, stack) => {
  // cdk-nag 3 packs are policy-validation plugins; validateScope runs one
  // without a full synth and honours Validations.of(...).acknowledge().
  const report = pack.validateScope(stack);

  it('finds no unacknowledged errors', () => {
    expect(findingsOf(report, 'error')).toEqual([]);
  });

  it('finds no unacknowledged warnings', () => {
    expect(findingsOf(report, 'warning')).toEqual([]);
  });
});
