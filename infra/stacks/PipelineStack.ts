import { CfnOutput, Duration, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { HttpMethods } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { ENV } from '../../functions/shared/resources.js';
import { AccessLogs } from '../constructs/AccessLogs.js';
import { AgencyAccess } from '../constructs/AgencyAccess.js';
import { AggregateTable } from '../constructs/AggregateTable.js';
import { Observability } from '../constructs/Observability.js';
import { OpenDataPublisher } from '../constructs/OpenDataPublisher.js';
import { PublicationChain } from '../constructs/PublicationChain.js';
import { QuarterlyRollup } from '../constructs/QuarterlyRollup.js';
import { SubmissionApi } from '../constructs/SubmissionApi.js';
import { SubmissionIntake } from '../constructs/SubmissionIntake.js';
import { SubmissionReminders } from '../constructs/SubmissionReminders.js';

/** Default retention of raw uploads when object lock is on. */
const OBJECT_LOCK_RETENTION = Duration.days(365);

/** Properties of a {@link PipelineStack}. */
interface PipelineStackProps extends StackProps {
  /** Deployment stage, e.g. `dev` or `prod`; tags every resource. */
  readonly stage: string;
  /** Address that receives alarm emails. @default - alarms only notify the SNS topic */
  readonly alarmEmail?: string;
  /**
   * Locks every raw upload for a year (S3 Object Lock, GOVERNANCE mode).
   * Cannot be undone once deployed.
   * @default false
   */
  readonly objectLock?: boolean;
  /**
   * Custom domain of the open-data site and the ARN of its ACM certificate
   * in us-east-1. @default - the distribution's cloudfront.net name
   */
  readonly customDomain?: {
    readonly domainName: string;
    readonly certificateArn: string;
  };
  /**
   * Address reminder e-mails are sent from; the stack creates its SES
   * identity, confirmed by the link SES mails to it.
   * @default 'opendata@thanhhoa.gov.vn' (a placeholder to confirm)
   */
  readonly reminderSender?: string;
}

/** Sender of reminder e-mails when none is configured: a placeholder to confirm with the province. */
const DEFAULT_REMINDER_SENDER = 'opendata@thanhhoa.gov.vn';

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
      ...(props.objectLock === true && {
        objectLockRetention: OBJECT_LOCK_RETENTION,
      }),
    });
    const storage = {
      ingestBucket: intake.ingestBucket,
      ingestKey: intake.ingestKey,
      curatedBucket: intake.curatedBucket,
      curatedKey: intake.curatedKey,
    };
    const agencies = new AgencyAccess(this, 'AgencyAccess', storage);
    const publisher = new OpenDataPublisher(this, 'OpenDataPublisher', {
      table: aggregates.table,
      curatedBucket: intake.curatedBucket,
      curatedKey: intake.curatedKey,
      accessLogsBucket: accessLogs.bucket,
      ...(props.customDomain && {
        customDomain: {
          domainName: props.customDomain.domainName,
          certificate: Certificate.fromCertificateArn(
            this,
            'SiteCertificate',
            props.customDomain.certificateArn,
          ),
        },
      }),
    });
    // The submission page calls the API from the site: CORS for that origin only.
    const api = new SubmissionApi(this, 'SubmissionApi', {
      ...storage,
      table: aggregates.table,
      allowedOrigins: [publisher.siteUrl],
    });
    publisher.publishFunction.addEnvironment(ENV.uploadApiUrl, api.url);
    // The page posts the file with its presigned POST policy and reads the
    // report JSON from the browser, from the site origin only.
    intake.ingestBucket.addCorsRule({
      allowedMethods: [HttpMethods.POST],
      allowedOrigins: [publisher.siteUrl],
      allowedHeaders: ['content-type'],
      maxAge: 3600,
    });
    intake.curatedBucket.addCorsRule({
      allowedMethods: [HttpMethods.GET],
      allowedOrigins: [publisher.siteUrl],
      maxAge: 3600,
    });
    const rollup = new QuarterlyRollup(this, 'QuarterlyRollup', {
      table: aggregates.table,
      curatedBucket: intake.curatedBucket,
    });
    new PublicationChain(this, 'PublicationChain', {
      table: aggregates.table,
      rollupFunction: rollup.rollupFunction,
      publishFunction: publisher.publishFunction,
      distribution: publisher.distribution,
      failureQueue: rollup.failureQueue,
    });
    const reminders = new SubmissionReminders(this, 'SubmissionReminders', {
      table: aggregates.table,
      curatedBucket: intake.curatedBucket,
      sender: props.reminderSender ?? DEFAULT_REMINDER_SENDER,
      reportsUrl: api.url,
    });
    new Observability(this, 'Observability', {
      alarmEmail: props.alarmEmail,
      functions: {
        IngestSubmission: intake.ingestFunction,
        QuarterlyRollup: rollup.rollupFunction,
        PublishDatasets: publisher.publishFunction,
        UploadApi: api.apiFunction,
        SendReminders: reminders.reminderFunction,
      },
      deadLetterQueues: {
        SubmissionQueue: intake.deadLetterQueue,
        RollupFailures: rollup.failureQueue,
        PublishFailures: publisher.failureQueue,
        ReminderFailures: reminders.failureQueue,
      },
    });

    new CfnOutput(this, 'IngestBucketName', {
      description:
        'Bucket agencies upload submissions/<unit_code>/<YYYY-Qn>/<dataset>.csv to',
      value: intake.ingestBucket.bucketName,
    });
    new CfnOutput(this, 'CuratedBucketName', {
      description:
        'Bucket of the validation reports, under the same submissions/<unit_code>/ folders',
      value: intake.curatedBucket.bucketName,
    });
    new CfnOutput(this, 'SubmitterRoleArn', {
      description:
        'Role agencies assume with the session tag unit_code=<code> to upload directly',
      value: agencies.role.roleArn,
    });
    new CfnOutput(this, 'UploadApiUrl', {
      description:
        'Upload API (bearer token): POST /submissions, GET /reports/<unit>/<period>/<dataset>',
      value: api.url,
    });
    new CfnOutput(this, 'OpenDataUrl', {
      description: 'Where the published datasets are served',
      value: publisher.siteUrl,
    });
    new CfnOutput(this, 'DistributionDomainName', {
      description: 'Target of the custom domain CNAME record, if there is one',
      value: publisher.distribution.distributionDomainName,
    });
  }
}

export type { PipelineStackProps };
export { PipelineStack };
