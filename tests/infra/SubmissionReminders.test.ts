import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  actionsOf,
  policyDocuments,
  render,
  resourcesOf,
} from './iamPolicies.js';
import { pipelineStack, pipelineStackFromContext } from './pipelineApp.js';
import { templateIds } from './templateIds.js';

const template = Template.fromStack(pipelineStack().stack);
const { onlyId } = templateIds(template);
const resources = template.toJSON().Resources as Record<
  string,
  { Type: string; Properties: Record<string, unknown> }
>;

const reminderFunction = () =>
  onlyId('AWS::Lambda::Function', {
    Environment: {
      Variables: Match.objectLike({ REMINDER_SENDER: Match.anyValue() }),
    },
  });
const reminderRole = () => {
  const role = resources[reminderFunction()]?.Properties.Role as
    | { 'Fn::GetAtt': string[] }
    | undefined;
  return role?.['Fn::GetAtt'][0];
};

describe('SubmissionReminders', () => {
  it('creates the SES identity of the sender', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'opendata@thanhhoa.gov.vn',
    });
    template.resourceCountIs('AWS::SES::EmailIdentity', 1);
  });

  it('grants SES sending to the reminder function only, on that identity only', () => {
    const identity = onlyId('AWS::SES::EmailIdentity', {});
    const grants = policyDocuments(template).flatMap((d) =>
      d.statements
        .filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')))
        .map((s) => ({
          policy: d.id,
          actions: actionsOf(s),
          resources: resourcesOf(s).map(render),
          roles: resources[d.id]?.Properties.Roles,
        })),
    );

    expect(grants).toEqual([
      {
        policy: expect.any(String),
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [
          `arn:aws:ses:ap-southeast-1:123456789012:identity/<${identity}>`,
        ],
        roles: [{ Ref: reminderRole() }],
      },
    ]);
  });

  it('runs the deadline reminders every day at 08:00 in Ho Chi Minh City time', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 8 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [reminderFunction(), 'Arn'] },
        Input: '{}',
      }),
    });
  });

  it('hears of every new ledger entry on the table stream, to notice rejected uploads', () => {
    const table = onlyId('AWS::DynamoDB::Table', {});

    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [table, 'StreamArn'] },
      FunctionName: { Ref: reminderFunction() },
      StartingPosition: 'LATEST',
      FilterCriteria: {
        Filters: [
          {
            Pattern: JSON.stringify({
              eventName: ['INSERT'],
              dynamodb: { Keys: { sk: { S: [{ prefix: 'SUBMISSION#' }] } } },
            }),
          },
        ],
      },
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });

  it('takes the sender from -c reminderSender', () => {
    const { stack } = pipelineStackFromContext({
      reminderSender: 'thongbao@skhcn.thanhhoa.gov.vn',
    });

    Template.fromStack(stack).hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'thongbao@skhcn.thanhhoa.gov.vn',
    });
  });

  it('hands the sender and the upload API to the function', () => {
    // The link points at the upload API's HTTP API.
    expect(
      JSON.stringify(resources[reminderFunction()]?.Properties.Environment),
    ).toMatch(/"REPORTS_URL":\{[^}]*SubmissionApiHttpApi/);
    expect(resources[reminderFunction()]?.Properties.Environment).toMatchObject(
      {
        Variables: {
          REMINDER_SENDER: 'opendata@thanhhoa.gov.vn',
          REMINDER_DAYS_BEFORE: '7',
          REPORTS_URL: expect.anything(),
        },
      },
    );
  });
});
