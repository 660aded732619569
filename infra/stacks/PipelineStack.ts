import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AccessLogs } from '../constructs/AccessLogs.js';
import { AggregateTable } from '../constructs/AggregateTable.js';
import { Observability } from '../constructs/Observability.js';
import { OpenDataPublisher } from '../constructs/OpenDataPublisher.js';
import { QuarterlyRollup } from '../constructs/QuarterlyRollup.js';
import { SubmissionIntake } from '../constructs/SubmissionIntake.js';

/** Properties of a {@link PipelineStack}. */
interface PipelineStackProps extends StackProps {
  /** Deployment stage, e.g. `dev` or `prod`; tags every resource. */
  readonly stage: string;
  /** Address that receives alarm emails. @default - alarms only notify the SNS topic */
  readonly alarmEmail?: string;
}

/** The whole open-data pipeline of one stage: intake, rollup, publishing and alarms. */
class PipelineStack extends Stack {
  public constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);
    Tags.of(this).add('project', 'thanhhoa-opendata');
    Tags.of(this).add('stage', props.stage);

    const accessLogs = new AccessLogs(this, 'AccessLogs');
    const aggregates = new AggregateTable(this, 'AggregateTable');
    const intake = new SubmissionIntake(this, 'SubmissionIntake', {
      table: aggregates.table,
      accessLogsBucket: accessLogs.bucket,
    });
    const publisher = new OpenDataPublisher(this, 'OpenDataPublisher', {
      table: aggregates.table,
      curatedBucket: intake.curatedBucket,
      accessLogsBucket: accessLogs.bucket,
    });
    const rollup = new QuarterlyRollup(this, 'QuarterlyRollup', {
      table: aggregates.table,
      curatedBucket: intake.curatedBucket,
      publishFunction: publisher.publishFunction,
    });
    new Observability(this, 'Observability', {
      alarmEmail: props.alarmEmail,
      functions: {
        IngestSubmission: intake.ingestFunction,
        QuarterlyRollup: rollup.rollupFunction,
        PublishDatasets: publisher.publishFunction,
      },
      deadLetterQueues: {
        SubmissionQueue: intake.deadLetterQueue,
        RollupFailures: rollup.failureQueue,
        PublishFailures: publisher.failureQueue,
      },
    });

    new CfnOutput(this, 'IngestBucketName', {
      description: 'Bucket agencies upload submissions/<dataset>/...csv to',
      value: intake.ingestBucket.bucketName,
    });
    new CfnOutput(this, 'OpenDataUrl', {
      description: 'Where the published datasets are served',
      value: `https://${publisher.distribution.distributionDomainName}/`,
    });
  }
}

export type { PipelineStackProps };
export { PipelineStack };
