import {
  AccountRootPrincipal,
  type IPrincipal,
  PolicyStatement,
  Role,
  SessionTagsPrincipal,
} from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { SUBMISSION_FILTER } from '../../functions/shared/resources.js';
import { acknowledgeFindings, arnWildcardOf } from './nagFindings.js';
import { viaS3 } from './s3Access.js';

/** The session tag that names the agency (reporting unit) a session acts for. */
const UNIT_CODE_TAG = 'unit_code';

// IAM substitutes the session's tag at request time; CDK keeps it as text.
// biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable
const PRINCIPAL_UNIT_CODE = '${aws:PrincipalTag/unit_code}';

/** `submissions/${aws:PrincipalTag/unit_code}/*`: the caller's own folder. */
const OWN_SUBMISSIONS = `${SUBMISSION_FILTER.prefix}${PRINCIPAL_UNIT_CODE}/*`;

/** Properties of an {@link AgencyAccess}. */
interface AgencyAccessProps {
  /** Bucket agencies upload to, under `submissions/<unit_code>/`. */
  readonly ingestBucket: IBucket;
  /** Key that encrypts {@link ingestBucket}. */
  readonly ingestKey: IKey;
  /** Bucket holding the reports, under the same `submissions/<unit_code>/` folders. */
  readonly curatedBucket: IBucket;
  /** Key that encrypts {@link curatedBucket}. */
  readonly curatedKey: IKey;
  /**
   * Identity provider whose users may assume the role, e.g. a `SamlPrincipal`
   * of the province's identity provider; its assertion sets `unit_code`.
   * @default - principals of this account, each only with a `unit_code`
   * session tag equal to its own `unit_code` tag (IAM user or Identity
   * Center attribute)
   */
  readonly federation?: IPrincipal;
}

/**
 * Attribute-based access for agencies: one submitter role whose sessions
 * carry a `unit_code` tag and may only upload to, and read the reports of,
 * `submissions/<unit_code>/`. One role serves every unit, so adding a unit
 * needs no deployment.
 */
class AgencyAccess extends Construct {
  /** The submitter role; assume it with the session tag `unit_code=<code>`. */
  public readonly role: Role;

  public constructor(scope: Construct, id: string, props: AgencyAccessProps) {
    super(scope, id);

    this.role = new Role(this, 'SubmitterRole', {
      description:
        'Agency submitter: uploads to and reads reports of submissions/<unit_code tag>/ only',
      assumedBy: new SessionTagsPrincipal(
        props.federation ?? new AccountRootPrincipal(),
      ).withConditions(trustConditions(props.federation === undefined)),
    });

    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'UploadOwnSubmissions',
        actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
        resources: [props.ingestBucket.arnForObjects(OWN_SUBMISSIONS)],
      }),
    );
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'ReadOwnReports',
        actions: ['s3:GetObject'],
        resources: [props.curatedBucket.arnForObjects(OWN_SUBMISSIONS)],
      }),
    );
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'ListOwnReports',
        actions: ['s3:ListBucket'],
        resources: [props.curatedBucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': OWN_SUBMISSIONS } },
      }),
    );
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'EncryptUploads',
        // Decrypt too: S3 reads the data key back to complete a multipart
        // upload (the AWS CLI switches to one above 8 MB). Without
        // s3:GetObject on the ingest bucket it decrypts nothing for the caller.
        actions: ['kms:GenerateDataKey', 'kms:Encrypt', 'kms:Decrypt'],
        resources: [props.ingestKey.keyArn],
        conditions: viaS3(this),
      }),
    );
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'DecryptReports',
        actions: ['kms:Decrypt'],
        resources: [props.curatedKey.keyArn],
        conditions: viaS3(this),
      }),
    );

    acknowledgeFindings(
      this.role,
      'AwsSolutions-IAM5',
      [
        arnWildcardOf(props.ingestBucket, `/${OWN_SUBMISSIONS}`),
        arnWildcardOf(props.curatedBucket, `/${OWN_SUBMISSIONS}`),
      ],
      "The wildcard is confined to the caller's own folder submissions/<unit_code>/: IAM substitutes the session's unit_code tag, which the trust policy requires, so no unit reaches another's objects.",
    );
  }
}

/**
 * Conditions on assuming the role: exactly one session tag, `unit_code`, a
 * code of at least two characters without `/` (so it names one folder,
 * never a sub-folder of another unit's), and, for principals of the
 * account, the caller's own `unit_code`.
 */
const trustConditions = (
  callerMustCarryTag: boolean,
): Record<string, Record<string, unknown>> => {
  const requestTag = `aws:RequestTag/${UNIT_CODE_TAG}`;
  return {
    Null: { [requestTag]: 'false' },
    'ForAllValues:StringEquals': { 'aws:TagKeys': [UNIT_CODE_TAG] },
    StringLike: { [requestTag]: '??*' },
    StringNotLike: { [requestTag]: '*/*' },
    ...(callerMustCarryTag && {
      StringEquals: { [requestTag]: PRINCIPAL_UNIT_CODE },
    }),
  };
};

export type { AgencyAccessProps };
export { AgencyAccess, UNIT_CODE_TAG };
