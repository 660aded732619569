import type { PolicyValidationPluginReport } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { pipelineStack } from './pipelineApp.js';

// With an alarm email, so the SNS subscription is checked too.
const { app, stack } = pipelineStack({ alarmEmail: 'ops@example.org' });

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

describe.each([
  ['AwsSolutions', new AwsSolutionsChecks(app, { verbose: true })],
  ['Serverless', new ServerlessChecks(app, { verbose: true })],
])('the %s pack', (_name, pack) => {
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
