import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ENV, ROLLUP_REQUESTS_PK } from '../../functions/shared/resources.js';
import {
  actionsOf,
  policyDocuments,
  render,
  resourcesOf,
  roleStatements,
} from './iamPolicies.js';
import { pipelineStack } from './pipelineApp.js';
import { templateIds } from './templateIds.js';

const template = Template.fromStack(pipelineStack().stack);
const { onlyId } = templateIds(template);
const resources = template.toJSON().Resources as Record<
  string,
  { Type: string; Properties: Record<string, unknown> }
>;

const functionWith = (variables: Record<string, unknown>) =>
  onlyId('AWS::Lambda::Function', {
    Environment: { Variables: Match.objectLike(variables) },
  });
// Recognised by what it lacks, so that dropping a variable it never reads
// does not lose it.
const rollupFunction = () =>
  functionWith({
    [ENV.table]: Match.anyValue(),
    [ENV.ingestBucket]: Match.absent(),
    [ENV.publicBucket]: Match.absent(),
    [ENV.reminderSender]: Match.absent(),
  });
const publishFunction = () =>
  functionWith({ [ENV.publicBucket]: Match.anyValue() });
const ingestFunction = () =>
  functionWith({
    [ENV.ingestBucket]: Match.anyValue(),
    UPLOAD_URL_TTL_SECONDS: Match.absent(),
  });
const stateMachineId = () => onlyId('AWS::StepFunctions::StateMachine', {});
const tableId = () => onlyId('AWS::DynamoDB::Table', {});

interface State {
  Type: string;
  Next?: string;
  End?: boolean;
  Resource?: string;
  Parameters?: Record<string, unknown>;
  Catch?: unknown[];
  Retry?: { ErrorEquals: string[] }[];
  MaxConcurrency?: number;
  ItemsPath?: string;
  ItemProcessor?: { StartAt: string; States: Record<string, State> };
  Choices?: { Next: string }[];
  Default?: string;
}

/** Logical id of the role a resource's property names. */
const roleOf = (id: string, property: string): string => {
  const value = resources[id]?.Properties[property] as
    | { 'Fn::GetAtt': string[] }
    | undefined;
  return value?.['Fn::GetAtt'][0] ?? '';
};

/** The state machine's definition, with references rendered as `<Id>` / `<Id.Arn>`. */
const definition = (): { StartAt: string; States: Record<string, State> } =>
  JSON.parse(render(resources[stateMachineId()]?.Properties.DefinitionString));

describe('PublicationChain: ingest triggers rollups', () => {
  it('streams the keys of the table, whose logical id and retention stay', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({
        StreamSpecification: { StreamViewType: 'KEYS_ONLY' },
        DeletionProtectionEnabled: true,
      }),
      DeletionPolicy: 'Retain',
    });
    expect(tableId()).toMatch(/^AggregateTable/);
  });

  it("pipes the table's rollup requests, gathered for a minute, to the state machine", () => {
    template.hasResourceProperties('AWS::Pipes::Pipe', {
      Source: { 'Fn::GetAtt': [tableId(), 'StreamArn'] },
      SourceParameters: {
        DynamoDBStreamParameters: Match.objectLike({
          StartingPosition: 'LATEST',
          MaximumBatchingWindowInSeconds: 60,
          DeadLetterConfig: { Arn: Match.anyValue() },
        }),
        FilterCriteria: {
          Filters: [
            {
              Pattern: JSON.stringify({
                eventName: ['INSERT', 'MODIFY'],
                dynamodb: { Keys: { pk: { S: [ROLLUP_REQUESTS_PK] } } },
              }),
            },
          ],
        },
      },
      Target: { Ref: stateMachineId() },
      TargetParameters: {
        StepFunctionStateMachineParameters: {
          InvocationType: 'FIRE_AND_FORGET',
        },
      },
    });
  });

  it('lets the ingest function write the requests to the table', () => {
    const role = roleOf(ingestFunction(), 'Role');
    const writes = roleStatements(template, role).filter(
      (s) =>
        actionsOf(s).includes('dynamodb:PutItem') &&
        resourcesOf(s).some((r) => render(r) === `<${tableId()}.Arn>`),
    );

    expect(writes).toHaveLength(1);
  });
});

describe('PublicationChain: publish follows the rollup’s success', () => {
  it('rolls each pending period up one at a time, then publishes, then invalidates what changed', () => {
    const { States } = definition();
    const pending = States.PendingRollups;
    const each = States.RollUpEachPendingPeriod;
    const rollUp = each?.ItemProcessor?.States.RollUpPeriod;

    expect(pending?.Resource).toBe(
      'arn:<AWS::Partition>:states:::aws-sdk:dynamodb:query',
    );
    expect(pending?.Parameters).toMatchObject({
      TableName: `<${tableId()}>`,
      ExpressionAttributeValues: { ':pk': { S: ROLLUP_REQUESTS_PK } },
      ConsistentRead: true,
    });
    expect(pending?.Next).toBe('RollUpEachPendingPeriod');
    expect(each).toMatchObject({
      Type: 'Map',
      ItemsPath: '$.items',
      MaxConcurrency: 1,
      Next: 'Publish',
    });
    expect(rollUp?.Parameters?.FunctionName).toBe(`<${rollupFunction()}.Arn>`);
    expect(States.Publish?.Parameters?.FunctionName).toBe(
      `<${publishFunction()}.Arn>`,
    );
    expect(States.Publish?.Next).toBe('AnythingChanged');
    expect(States.InvalidateChangedPaths?.Resource).toBe(
      'arn:<AWS::Partition>:states:::aws-sdk:cloudfront:createInvalidation',
    );
  });

  it('never reaches publishing past a failed rollup: no state catches an error', () => {
    const { States } = definition();
    const all = [
      ...Object.values(States),
      ...Object.values(
        States.RollUpEachPendingPeriod?.ItemProcessor?.States ?? {},
      ),
    ];

    expect(all.filter((s) => s.Catch !== undefined)).toEqual([]);
  });

  it('waits and retries when the rollup or publish function is busy', () => {
    const { States } = definition();
    const busy = (s?: State) =>
      s?.Retry?.some((r) =>
        r.ErrorEquals.includes('Lambda.TooManyRequestsException'),
      );

    expect(
      busy(States.RollUpEachPendingPeriod?.ItemProcessor?.States.RollUpPeriod),
    ).toBe(true);
    expect(busy(States.RollUpClosedQuarter)).toBe(true);
    expect(busy(States.Publish)).toBe(true);
  });
});

describe('PublicationChain: one rollup and one publication at a time', () => {
  it.each([
    ['rollup', rollupFunction],
    ['publish', publishFunction],
  ])('reserves a concurrency of 1 for the %s function', (_name, id) => {
    expect(resources[id()]?.Properties.ReservedConcurrentExecutions).toBe(1);
  });
});

describe('PublicationChain: CloudFront invalidation', () => {
  it('is granted to the state machine only, on the one distribution', () => {
    const distribution = onlyId('AWS::CloudFront::Distribution', {});
    const grants = policyDocuments(template).flatMap((d) =>
      d.statements
        .filter((s) => actionsOf(s).includes('cloudfront:CreateInvalidation'))
        .map((s) => ({ id: d.id, resources: resourcesOf(s).map(render) })),
    );
    const role = roleOf(stateMachineId(), 'RoleArn');

    expect(grants).toHaveLength(1);
    expect(grants[0]?.resources).toEqual([
      `arn:aws:cloudfront::123456789012:distribution/<${distribution}>`,
    ]);
    expect(
      roleStatements(template, role).some((s) =>
        actionsOf(s).includes('cloudfront:CreateInvalidation'),
      ),
    ).toBe(true);
  });
});
