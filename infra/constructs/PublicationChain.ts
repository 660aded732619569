import {
  Duration,
  RemovalPolicy,
  Stack,
  TimeZone,
  Validations,
} from 'aws-cdk-lib';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnPipe } from 'aws-cdk-lib/aws-pipes';
import {
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
} from 'aws-cdk-lib/aws-scheduler';
import { StepFunctionsStartExecution } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import {
  Choice,
  Condition,
  DefinitionBody,
  JsonPath,
  LogLevel,
  Map as MapState,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
} from 'aws-cdk-lib/aws-stepfunctions';
import {
  CallAwsService,
  LambdaInvoke,
} from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import {
  ROLLUP_REQUESTS_PK,
  TABLE_KEYS,
} from '../../functions/shared/resources.js';
import { acknowledgeFindings, arnWildcardOf } from './nagFindings.js';

/**
 * The quarterly backstop: on the 16th of each quarter's last month, the day
 * after agencies' reporting deadline, and on the first day after the quarter
 * closes, the quarter is rolled up even if no upload asked for it.
 */
const BACKSTOP_RUNS = [
  { id: 'AfterDeadline', day: '16', month: '3,6,9,12' },
  { id: 'AfterQuarterEnd', day: '1', month: '1,4,7,10' },
] as const;

/** How long the pipe gathers rollup requests before starting one run. */
const BATCHING_WINDOW = Duration.seconds(60);

/** Properties of a {@link PublicationChain}. */
interface PublicationChainProps {
  /** The pipeline table; its stream must carry at least the keys. */
  readonly table: ITable;
  /** The `quarterly-rollup` function. */
  readonly rollupFunction: IFunction;
  /** The `publish-datasets` function; its result lists the paths to invalidate. */
  readonly publishFunction: IFunction;
  /** The distribution serving the public bucket. */
  readonly distribution: IDistribution;
  /** Where schedules and the pipe put runs they could not start. */
  readonly failureQueue: IQueue;
  /** Time zone the backstop schedules are read in. @default TimeZone.ASIA_HO_CHI_MINH */
  readonly timeZone?: TimeZone;
}

/**
 * Rollups, then publishing, then the CloudFront invalidation, in one
 * Step Functions state machine: an accepted submission writes a rollup
 * request to the table (for its period and the later quarters of its year);
 * the table stream, through an EventBridge pipe that gathers a burst of
 * requests for a minute, starts the state machine, which rolls up each
 * pending period once, oldest first, and publishes only when every rollup
 * has succeeded. The quarterly schedules start the same machine as a
 * backstop. The functions' reserved concurrency of 1 keeps a second run's
 * rollup or publication waiting (throttled, retried) until the first is done.
 */
class PublicationChain extends Construct {
  /** The rollup-then-publish state machine. */
  public readonly stateMachine: StateMachine;
  /** The pipe from the table stream to the state machine. */
  public readonly pipe: CfnPipe;
  /** Role the pipe runs as. */
  public readonly pipeRole: Role;
  /** Role EventBridge Scheduler assumes to start the backstop runs. */
  public readonly scheduleRole: Role;
  /** The backstop schedules. */
  public readonly schedules: readonly Schedule[];

  public constructor(
    scope: Construct,
    id: string,
    props: PublicationChainProps,
  ) {
    super(scope, id);

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      comment:
        'Rolls up every period with a pending request, oldest first, then publishes and invalidates what changed',
      definitionBody: DefinitionBody.fromChainable(this.definition(props)),
      timeout: Duration.hours(2),
      logs: {
        destination: new LogGroup(this, 'StateMachineLogs', {
          retention: RetentionDays.SIX_MONTHS,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
        level: LogLevel.ALL,
        includeExecutionData: false,
      },
    });

    this.pipeRole = new Role(this, 'PipeRole', {
      assumedBy: new ServicePrincipal('pipes.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
      }),
      description: 'Lets the pipe read rollup requests and start the chain',
    });
    props.table.grantStreamRead(this.pipeRole);
    this.stateMachine.grantStartExecution(this.pipeRole);
    props.failureQueue.grantSendMessages(this.pipeRole);
    this.pipe = new CfnPipe(this, 'Pipe', {
      description: 'Starts the publication chain on rollup requests',
      roleArn: this.pipeRole.roleArn,
      source: props.table.tableStreamArn ?? '',
      sourceParameters: {
        dynamoDbStreamParameters: {
          startingPosition: 'LATEST',
          batchSize: 100,
          maximumBatchingWindowInSeconds: BATCHING_WINDOW.toSeconds(),
          maximumRetryAttempts: 3,
          deadLetterConfig: { arn: props.failureQueue.queueArn },
        },
        filterCriteria: {
          filters: [
            {
              pattern: JSON.stringify({
                eventName: ['INSERT', 'MODIFY'],
                dynamodb: {
                  Keys: {
                    [TABLE_KEYS.partitionKey]: { S: [ROLLUP_REQUESTS_PK] },
                  },
                },
              }),
            },
          ],
        },
      },
      target: this.stateMachine.stateMachineArn,
      targetParameters: {
        stepFunctionStateMachineParameters: {
          invocationType: 'FIRE_AND_FORGET',
        },
      },
    });
    // The role's policy must exist before the pipe checks its permissions.
    this.pipe.node.addDependency(this.pipeRole);

    this.scheduleRole = new Role(this, 'ScheduleRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com').withConditions(
        { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      ),
      description: 'Lets EventBridge Scheduler start the quarterly backstop',
    });
    const timeZone = props.timeZone ?? TimeZone.ASIA_HO_CHI_MINH;
    this.schedules = BACKSTOP_RUNS.map(
      (run) =>
        new Schedule(this, `Backstop${run.id}`, {
          description: `Quarterly rollup and publication (${run.id})`,
          schedule: ScheduleExpression.cron({
            hour: '1',
            minute: '0',
            day: run.day,
            month: run.month,
            timeZone,
          }),
          target: new StepFunctionsStartExecution(this.stateMachine, {
            role: this.scheduleRole,
            input: ScheduleTargetInput.fromObject({ scheduled: true }),
            deadLetterQueue: props.failureQueue,
            retryAttempts: 3,
            maxEventAge: Duration.hours(6),
          }),
        }),
    );

    this.acknowledgeNagFindings(props);
  }

  /**
   * Scheduled runs first roll up the quarter just closed; then every run
   * reads the pending requests (a Query returns them in sort-key order,
   * `PERIOD#YYYY-Qn`, i.e. oldest first; one item per period, so a burst is
   * one rollup), rolls each up in turn, publishes, and invalidates the paths
   * the publication changed.
   */
  private definition(props: PublicationChainProps) {
    const throttled = {
      errors: ['Lambda.TooManyRequestsException'],
      interval: Duration.seconds(20),
      maxAttempts: 12,
      backoffRate: 1.5,
    };
    const rollUpClosedQuarter = new LambdaInvoke(this, 'RollUpClosedQuarter', {
      lambdaFunction: props.rollupFunction,
      payload: TaskInput.fromObject({}),
      resultPath: JsonPath.DISCARD,
    }).addRetry(throttled);
    const pendingRollups = new CallAwsService(this, 'PendingRollups', {
      service: 'dynamodb',
      action: 'query',
      parameters: {
        TableName: props.table.tableName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
        ExpressionAttributeValues: { ':pk': { S: ROLLUP_REQUESTS_PK } },
        ConsistentRead: true,
      },
      iamAction: 'dynamodb:Query',
      iamResources: [props.table.tableArn],
      resultSelector: { 'items.$': '$.Items' },
      resultPath: '$',
    });
    const rollUpEach = new MapState(this, 'RollUpEachPendingPeriod', {
      itemsPath: '$.items',
      maxConcurrency: 1,
      itemSelector: { 'period.$': '$$.Map.Item.Value.period.S' },
      resultPath: JsonPath.DISCARD,
    }).itemProcessor(
      new LambdaInvoke(this, 'RollUpPeriod', {
        lambdaFunction: props.rollupFunction,
        payload: TaskInput.fromObject({ 'period.$': '$.period' }),
        resultPath: JsonPath.DISCARD,
      }).addRetry(throttled),
    );
    const publish = new LambdaInvoke(this, 'Publish', {
      lambdaFunction: props.publishFunction,
      payload: TaskInput.fromObject({}),
      resultSelector: { 'invalidate.$': '$.Payload.invalidate' },
      resultPath: '$',
    }).addRetry(throttled);
    const invalidate = new CallAwsService(this, 'InvalidateChangedPaths', {
      service: 'cloudfront',
      action: 'createInvalidation',
      parameters: {
        DistributionId: props.distribution.distributionId,
        InvalidationBatch: {
          'CallerReference.$': '$$.Execution.Name',
          Paths: {
            'Quantity.$': 'States.ArrayLength($.invalidate)',
            'Items.$': '$.invalidate',
          },
        },
      },
      iamAction: 'cloudfront:CreateInvalidation',
      iamResources: [props.distribution.distributionArn],
      resultPath: JsonPath.DISCARD,
    });
    const done = new Succeed(this, 'Done');
    return new Choice(this, 'ScheduledRun')
      .when(
        Condition.isPresent('$.scheduled'),
        rollUpClosedQuarter.next(pendingRollups),
      )
      .otherwise(pendingRollups)
      .afterwards()
      .next(rollUpEach)
      .next(publish)
      .next(
        new Choice(this, 'AnythingChanged')
          .when(Condition.isPresent('$.invalidate[0]'), invalidate.next(done))
          .otherwise(done),
      );
  }

  private acknowledgeNagFindings(props: PublicationChainProps): void {
    const invoked = [props.rollupFunction, props.publishFunction].filter(
      (fn) => fn.node.defaultChild !== undefined,
    );
    acknowledgeFindings(
      this.stateMachine,
      'AwsSolutions-IAM5',
      invoked.map((fn) => arnWildcardOf(fn, ':*')),
      'grantInvoke also covers the versions and aliases of exactly the invoked functions; no other function matches.',
    );
    acknowledgeFindings(
      this.stateMachine,
      'AwsSolutions-IAM5',
      ['Resource::*'],
      'CloudWatch Logs delivery for Step Functions (logs:CreateLogDelivery, DescribeLogGroups and the like) only accepts the resource "*".',
    );
    acknowledgeFindings(
      this.pipeRole,
      'AwsSolutions-IAM5',
      ['Resource::*'],
      'dynamodb:ListStreams is not resource-scoped; reading the stream itself is granted on this table stream only.',
    );
    const noTracing =
      'The chain and its functions write structured logs and are not instrumented for X-Ray, so tracing would only add cost.';
    Validations.of(this.stateMachine).acknowledge(
      { id: 'AwsSolutions-SF2', reason: noTracing },
      { id: 'Serverless-StepFunctionStateMachineXray', reason: noTracing },
    );
  }
}

export type { PublicationChainProps };
export { PublicationChain };
