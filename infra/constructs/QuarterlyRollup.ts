import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../functions/shared/resources.js';
import { acknowledgeFindings, arnWildcardOf } from './nagFindings.js';
import { PipelineFunction } from './PipelineFunction.js';

/** Properties of a {@link QuarterlyRollup}. */
interface QuarterlyRollupProps {
  /** Table holding the submissions in force; aggregates are written back to it. */
  readonly table: ITable;
  /** Bucket of normalized submissions. */
  readonly curatedBucket: IBucket;
}

/**
 * The quarterly consolidation: the `quarterly-rollup` function, one run at a
 * time. What starts it (the rollup requests of accepted submissions, and a
 * quarterly backstop) and what follows it is the {@link PublicationChain}.
 */
class QuarterlyRollup extends Construct {
  /** The `quarterly-rollup` function. */
  public readonly rollupFunction: PipelineFunction;
  /** Queue of runs the scheduler could not deliver or the function failed. */
  public readonly failureQueue: Queue;

  public constructor(
    scope: Construct,
    id: string,
    props: QuarterlyRollupProps,
  ) {
    super(scope, id);

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
      // Two rollups at once would race on the same aggregates and history;
      // a second caller is throttled and retries.
      reservedConcurrentExecutions: 1,
      environment: {
        [ENV.table]: props.table.tableName,
      },
    });
    props.table.grantReadWriteData(this.rollupFunction);

    this.acknowledgeNagFindings(props);
  }

  private acknowledgeNagFindings(props: QuarterlyRollupProps): void {
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
