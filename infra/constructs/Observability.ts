import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  ComparisonOperator,
  type IAlarmAction,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS } from '../../functions/shared/resources.js';

/**
 * The count of expected submissions still missing after the reporting
 * deadline, which the rollup function emits once per run in Embedded Metric
 * Format (`functions/shared/metrics.ts`: Powertools adds the `service`
 * dimension from its service name).
 */
const MISSING_SUBMISSIONS = {
  namespace: METRICS.namespace,
  metricName: METRICS.missingSubmissions,
  dimensionsMap: { service: METRICS.service },
} as const;

/** Properties of an {@link Observability}. */
interface ObservabilityProps {
  /** Functions to alarm on when any invocation errors or is throttled, by construct id. */
  readonly functions: Readonly<Record<string, IFunction>>;
  /** Dead-letter queues to alarm on as soon as they hold a message, by construct id. */
  readonly deadLetterQueues: Readonly<Record<string, IQueue>>;
  /** Address that receives the alarms by email. @default - no subscription */
  readonly alarmEmail?: string;
}

const PERIOD = Duration.minutes(5);

/**
 * Alarms on function errors and throttles, on messages in dead-letter queues
 * and on submissions missing after the deadline, sent to an encrypted SNS
 * topic and, if given, to an email address.
 */
class Observability extends Construct {
  /** Topic every alarm notifies. */
  public readonly alarmTopic: Topic;
  /** Customer key that encrypts {@link alarmTopic}. */
  public readonly alarmTopicKey: Key;

  public constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);

    this.alarmTopicKey = new Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the pipeline alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch publishes to the encrypted topic with this key.
    this.alarmTopicKey.grant(
      new ServicePrincipal('cloudwatch.amazonaws.com'),
      'kms:Decrypt',
      'kms:GenerateDataKey',
    );
    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: 'Thanh Hoa open-data pipeline alarms',
      masterKey: this.alarmTopicKey,
      enforceSSL: true,
    });
    const action = new SnsAction(this.alarmTopic);

    for (const [name, fn] of Object.entries(props.functions)) {
      alarmAboveZero(
        this,
        `${name}Errors`,
        fn.metricErrors({ period: PERIOD, statistic: 'Sum' }),
        `The ${name} function failed at least once in ${PERIOD.toMinutes()} minutes.`,
        action,
      );
      alarmAboveZero(
        this,
        `${name}Throttles`,
        fn.metricThrottles({ period: PERIOD, statistic: 'Sum' }),
        `The ${name} function was throttled at least once in ${PERIOD.toMinutes()} minutes: raise its concurrency or the account's.`,
        action,
      );
    }
    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      alarmAboveZero(
        this,
        `${name}Messages`,
        queue.metricApproximateNumberOfMessagesVisible({
          period: PERIOD,
          statistic: 'Maximum',
        }),
        `The ${name} dead-letter queue holds messages that need an operator.`,
        action,
      );
    }

    alarmAboveZero(
      this,
      'MissingSubmissions',
      new Metric({
        ...MISSING_SUBMISSIONS,
        // The rollup emits one value per run, twice a quarter.
        period: Duration.hours(1),
        statistic: 'Maximum',
      }),
      'Expected submissions are still missing after the reporting deadline: see the theo-doi-nop-bao-cao dataset for which units owe which dataset.',
      action,
    );

    if (props.alarmEmail !== undefined) {
      const subscription = this.alarmTopic.addSubscription(
        new EmailSubscription(props.alarmEmail),
      );
      Validations.of(subscription).acknowledge({
        id: 'Serverless-SNSRedrivePolicy',
        reason:
          'An email that SNS cannot deliver after its retries cannot be replayed usefully; the alarm itself stays visible in CloudWatch.',
      });
    }
  }
}

/** An alarm that fires as soon as the metric goes above zero. */
const alarmAboveZero = (
  scope: Construct,
  id: string,
  metric: Metric,
  description: string,
  action: IAlarmAction,
): void => {
  const alarm = metric.createAlarm(scope, id, {
    alarmDescription: description,
    threshold: 0,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(action);
};

export type { ObservabilityProps };
export { MISSING_SUBMISSIONS, Observability };
