import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  FilterCriteria,
  FilterRule,
  StartingPosition,
} from 'aws-cdk-lib/aws-lambda';
import {
  DynamoEventSource,
  SqsDlq,
} from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import {
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
} from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../functions/shared/resources.js';
import { acknowledgeFindings, arnWildcardOf } from './nagFindings.js';
import { PipelineFunction } from './PipelineFunction.js';

/** Properties of a {@link SubmissionReminders}. */
interface SubmissionRemindersProps {
  /** The pipeline table, with a stream: new ledger entries trigger rejection notices. */
  readonly table: ITable;
  /** Bucket of the validation reports quoted in rejection notices. */
  readonly curatedBucket: IBucket;
  /** Address the reminders are sent from; the stack creates its SES identity. */
  readonly sender: string;
  /** Base URL of the upload API, whose `reports/…` route the notices link to. */
  readonly reportsUrl: string;
  /** How many days before the deadline the first reminder goes out. @default 7 */
  readonly daysBefore?: number;
  /** Time zone the daily schedule is read in. @default TimeZone.ASIA_HO_CHI_MINH */
  readonly timeZone?: TimeZone;
}

/**
 * Reminder e-mails through Amazon SES: the sender's identity, the
 * `send-reminders` function (the only principal allowed to send from it), a
 * daily schedule for the deadline reminders, and the table stream's new
 * ledger entries for the notices of rejected uploads.
 */
class SubmissionReminders extends Construct {
  /** The SES identity reminders are sent from. */
  public readonly identity: EmailIdentity;
  /** The `send-reminders` function. */
  public readonly reminderFunction: PipelineFunction;
  /** Runs the schedule or the stream could not complete. */
  public readonly failureQueue: Queue;
  /** Role EventBridge Scheduler assumes for the daily run. */
  public readonly scheduleRole: Role;
  /** The daily schedule. */
  public readonly schedule: Schedule;

  public constructor(
    scope: Construct,
    id: string,
    props: SubmissionRemindersProps,
  ) {
    super(scope, id);

    this.identity = new EmailIdentity(this, 'SenderIdentity', {
      identity: Identity.email(props.sender),
    });
    this.failureQueue = new Queue(this, 'FailureQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.reminderFunction = new PipelineFunction(this, 'ReminderFunction', {
      name: 'send-reminders',
      description:
        'E-mails deadline reminders and notices of rejected submissions',
      timeout: Duration.minutes(2),
      deadLetterQueue: this.failureQueue,
      environment: {
        [ENV.table]: props.table.tableName,
        [ENV.curatedBucket]: props.curatedBucket.bucketName,
        [ENV.reminderSender]: props.sender,
        [ENV.reminderDaysBefore]: String(props.daysBefore ?? 7),
        [ENV.reportsUrl]: props.reportsUrl,
      },
    });
    props.table.grantReadWriteData(this.reminderFunction);
    props.curatedBucket.grantRead(this.reminderFunction);
    // The only SES grant in the stack.
    this.identity.grantSendEmail(this.reminderFunction);

    this.reminderFunction.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.LATEST,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(10),
        retryAttempts: 3,
        onFailure: new SqsDlq(this.failureQueue),
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: {
              Keys: { sk: { S: FilterRule.beginsWith('SUBMISSION#') } },
            },
          }),
        ],
      }),
    );

    this.scheduleRole = new Role(this, 'ScheduleRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com').withConditions(
        { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      ),
      description: 'Lets EventBridge Scheduler start the daily reminders',
    });
    this.schedule = new Schedule(this, 'Daily', {
      description: 'Deadline reminders due today',
      schedule: ScheduleExpression.cron({
        hour: '8',
        minute: '0',
        timeZone: props.timeZone ?? TimeZone.ASIA_HO_CHI_MINH,
      }),
      target: new LambdaInvoke(this.reminderFunction, {
        role: this.scheduleRole,
        input: ScheduleTargetInput.fromObject({}),
        deadLetterQueue: this.failureQueue,
        retryAttempts: 3,
        maxEventAge: Duration.hours(6),
      }),
    });

    this.acknowledgeNagFindings(props);
  }

  private acknowledgeNagFindings(props: SubmissionRemindersProps): void {
    acknowledgeFindings(
      this.scheduleRole,
      'AwsSolutions-IAM5',
      [arnWildcardOf(this.reminderFunction, ':*')],
      'grantInvoke also covers the versions and aliases of exactly the invoked function; no other function matches.',
    );
    acknowledgeFindings(
      this.reminderFunction.executionRole,
      'AwsSolutions-IAM5',
      [
        'Action::s3:GetObject*',
        'Action::s3:GetBucket*',
        'Action::s3:List*',
        arnWildcardOf(props.curatedBucket),
      ],
      'The bucket grant confines these wildcards to the curated bucket and its objects, whose report keys are derived at run time.',
    );
    acknowledgeFindings(
      this.reminderFunction.executionRole,
      'AwsSolutions-IAM5',
      ['Resource::*'],
      'dynamodb:ListStreams, added by the stream event source, is not resource-scoped; reading records is granted on this table stream only.',
    );
    Validations.of(this.failureQueue).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason:
        'This queue is itself a terminal dead-letter target; an operator inspects failed runs and starts them again.',
    });
  }
}

export type { SubmissionRemindersProps };
export { SubmissionReminders };
