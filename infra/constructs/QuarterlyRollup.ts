import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import {
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
} from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../functions/shared/resources.js';
import { acknowledgeFindings, arnWildcardOf } from './nagFindings.js';
import { PipelineFunction } from './PipelineFunction.js';

/**
 * When the quarterly runs fire: on the 16th of each quarter's last month,
 * the day after agencies' reporting deadline, and on the first day after the
 * quarter closes. The function works out which quarter that is by itself.
 */
const RUNS = [
  { id: 'AfterDeadline', day: '16', month: '3,6,9,12' },
  { id: 'AfterQuarterEnd', day: '1', month: '1,4,7,10' },
] as const;

const ROLLUP_AT = { hour: '1', minute: '0' };
// Publishing follows once the rollup has had time to finish.
const PUBLISH_AT = { hour: '1', minute: '15' };

/** Properties of a {@link QuarterlyRollup}. */
interface QuarterlyRollupProps {
  /** Table holding the submissions in force; aggregates are written back to it. */
  readonly table: ITable;
  /** Bucket of normalized submissions. */
  readonly curatedBucket: IBucket;
  /** Function to invoke 15 minutes after each rollup, such as the publisher. @default - none */
  readonly publishFunction?: IFunction;
  /** Time zone the schedules are read in. @default TimeZone.ASIA_HO_CHI_MINH */
  readonly timeZone?: TimeZone;
}

/**
 * The quarterly consolidation: the `quarterly-rollup` function and the
 * EventBridge Scheduler schedules that run it (and optionally publishing)
 * after each reporting deadline and quarter end.
 */
class QuarterlyRollup extends Construct {
  /** The `quarterly-rollup` function. */
  public readonly rollupFunction: PipelineFunction;
  /** Queue of runs the scheduler could not deliver or the function failed. */
  public readonly failureQueue: Queue;
  /** Role EventBridge Scheduler assumes to invoke the functions. */
  public readonly scheduleRole: Role;
  /** The schedules, rollups first. */
  public readonly schedules: readonly Schedule[];

  public constructor(
    scope: Construct,
    id: string,
    props: QuarterlyRollupProps,
  ) {
    super(scope, id);
    const timeZone = props.timeZone ?? TimeZone.ASIA_HO_CHI_MINH;

    this.failureQueue = new Queue(this, 'FailureQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

    this.rollupFunction = new PipelineFunction(this, 'RollupFunction', {
      name: 'quarterly-rollup',
      description: 'Consolidates the quarter submissions into aggregates',
      timeout: Duration.minutes(5),
      deadLetterQueue: this.failureQueue,
      environment: {
        [ENV.table]: props.table.tableName,
      },
    });
    props.table.grantReadWriteData(this.rollupFunction);

    this.scheduleRole = new Role(this, 'ScheduleRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com').withConditions(
        { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      ),
      description: 'Lets EventBridge Scheduler start the quarterly runs',
    });

    const schedule = (
      id: string,
      description: string,
      at: { readonly hour: string; readonly minute: string },
      run: (typeof RUNS)[number],
      fn: IFunction,
    ) =>
      new Schedule(this, `${id}${run.id}`, {
        description: `${description} (${run.id})`,
        schedule: ScheduleExpression.cron({
          ...at,
          day: run.day,
          month: run.month,
          timeZone,
        }),
        target: new LambdaInvoke(fn, {
          role: this.scheduleRole,
          input: ScheduleTargetInput.fromObject({}),
          deadLetterQueue: this.failureQueue,
          retryAttempts: 3,
          maxEventAge: Duration.hours(6),
        }),
      });
    const publish = props.publishFunction;
    this.schedules = [
      ...RUNS.map((run) =>
        schedule(
          'Rollup',
          'Quarterly rollup',
          ROLLUP_AT,
          run,
          this.rollupFunction,
        ),
      ),
      ...(publish === undefined
        ? []
        : RUNS.map((run) =>
            schedule(
              'Publish',
              'Publishing after the rollup',
              PUBLISH_AT,
              run,
              publish,
            ),
          )),
    ];

    this.acknowledgeNagFindings(props);
  }

  private acknowledgeNagFindings(props: QuarterlyRollupProps): void {
    // Only functions defined in this app have a logical id to name.
    const invoked = [this.rollupFunction, props.publishFunction].filter(
      (fn): fn is IFunction => fn?.node.defaultChild !== undefined,
    );
    acknowledgeFindings(
      this.scheduleRole,
      'AwsSolutions-IAM5',
      invoked.map((fn) => arnWildcardOf(fn, ':*')),
      'grantInvoke also covers the versions and aliases of exactly the invoked functions; no other function matches.',
    );
    acknowledgeFindings(
      this.rollupFunction.executionRole,
      'AwsSolutions-IAM5',
      [
        'Action::s3:GetObject*',
        'Action::s3:GetBucket*',
        'Action::s3:List*',
        arnWildcardOf(props.curatedBucket),
      ],
      'The bucket grant confines these wildcards to the curated bucket and its objects, whose keys are derived at run time.',
    );
    Validations.of(this.failureQueue).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason:
        'This queue is itself a terminal dead-letter target; an operator inspects failed runs and starts them again.',
    });
  }
}

export type { QuarterlyRollupProps };
export { QuarterlyRollup };
