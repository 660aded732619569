import { Match, Template } from 'aws-cdk-lib/assertions';
import { SamlPrincipal, SamlProvider } from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { AgencyAccess } from '../../infra/constructs/AgencyAccess.js';
import type { SubmissionIntake } from '../../infra/constructs/SubmissionIntake.js';
import {
  actionsOf,
  iamPatternMatches,
  render,
  resourcesOf,
  roleStatements,
  type Statement,
} from './iamPolicies.js';
import { pipelineStack } from './pipelineApp.js';
import { templateIds } from './templateIds.js';

// biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable
const PRINCIPAL_UNIT_CODE = '${aws:PrincipalTag/unit_code}';
const OWN_FOLDER = `submissions/${PRINCIPAL_UNIT_CODE}/*`;

const template = Template.fromStack(pipelineStack().stack);

const { onlyId, bucketId } = templateIds(template);
const ingestBucket = bucketId('s3/ingest/');
const curatedBucket = bucketId('s3/curated/');

/** The KMS key that encrypts a bucket by default. */
const keyOf = (bucket: string): string => {
  const encryption = template.toJSON().Resources[bucket].Properties
    .BucketEncryption as {
    ServerSideEncryptionConfiguration: {
      ServerSideEncryptionByDefault: { KMSMasterKeyID: unknown };
    }[];
  };
  const byDefault =
    encryption.ServerSideEncryptionConfiguration[0]
      ?.ServerSideEncryptionByDefault;
  return render(byDefault?.KMSMasterKeyID).replace(/^<(.*)\.Arn>$/, '$1');
};

const submitterRole = onlyId('AWS::IAM::Role', {
  AssumeRolePolicyDocument: {
    Version: '2012-10-17',
    Statement: Match.arrayWith([
      Match.objectLike({ Action: Match.arrayWith(['sts:TagSession']) }),
    ]),
  },
});
const statements = roleStatements(template, submitterRole);

/** Whether any statement of the role lets a session with this unit_code do `action` on `arn`. */
const allows = (unitCode: string, action: string, arn: string): boolean =>
  statements.some(
    (statement: Statement) =>
      statement.Effect === 'Allow' &&
      statement.Condition === undefined &&
      actionsOf(statement).includes(action) &&
      resourcesOf(statement).some((resource) =>
        iamPatternMatches(render(resource), arn, { unit_code: unitCode }),
      ),
  );

const ingestObject = (key: string) => `<${ingestBucket}.Arn>/${key}`;
const curatedObject = (key: string) => `<${curatedBucket}.Arn>/${key}`;

describe('AgencyAccess submitter role', () => {
  it('is one role for every unit', () => {
    const trustingUnitCodes = Object.values(
      template.findResources('AWS::IAM::Role'),
    ).filter((role) =>
      JSON.stringify(role.Properties.AssumeRolePolicyDocument).includes(
        'unit_code',
      ),
    );

    expect(trustingUnitCodes).toHaveLength(1);
  });

  it('lets principals of the account assume it only with their own unit_code session tag', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::123456789012:root' },
            Action: ['sts:AssumeRole', 'sts:TagSession'],
            Condition: {
              Null: { 'aws:RequestTag/unit_code': 'false' },
              'ForAllValues:StringEquals': { 'aws:TagKeys': ['unit_code'] },
              StringLike: { 'aws:RequestTag/unit_code': '??*' },
              StringNotLike: { 'aws:RequestTag/unit_code': '*/*' },
              StringEquals: {
                'aws:RequestTag/unit_code': PRINCIPAL_UNIT_CODE,
              },
            },
          },
        ],
      },
    });
  });

  it('gives S3 object access only to submissions/<its unit_code tag>/* of the ingest and curated buckets', () => {
    const objectResources = statements
      .filter((statement) =>
        actionsOf(statement).some((action) => action.startsWith('s3:')),
      )
      .flatMap(resourcesOf)
      .map(render)
      .filter((resource) => resource.includes('/'));

    expect(objectResources.sort()).toEqual(
      [ingestObject(OWN_FOLDER), curatedObject(OWN_FOLDER)].sort(),
    );
  });

  it('uploads to the ingest bucket and reads the curated bucket, nothing more', () => {
    const s3 = statements
      .filter((statement) =>
        actionsOf(statement).some((action) => action.startsWith('s3:')),
      )
      .map((statement) => ({
        actions: actionsOf(statement).sort(),
        resources: resourcesOf(statement).map(render),
        condition: statement.Condition,
      }));

    expect(s3).toEqual(
      expect.arrayContaining([
        {
          actions: ['s3:AbortMultipartUpload', 's3:PutObject'],
          resources: [ingestObject(OWN_FOLDER)],
          condition: undefined,
        },
        {
          actions: ['s3:GetObject'],
          resources: [curatedObject(OWN_FOLDER)],
          condition: undefined,
        },
        {
          actions: ['s3:ListBucket'],
          resources: [`<${curatedBucket}.Arn>`],
          condition: { StringLike: { 's3:prefix': OWN_FOLDER } },
        },
      ]),
    );
    expect(s3).toHaveLength(3);
  });

  it('uses the bucket keys only through S3 in the region', () => {
    const kms = statements.filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith('kms:')),
    );

    expect(
      kms.map((statement) => ({
        actions: actionsOf(statement).sort(),
        resources: resourcesOf(statement).map(render),
        condition: statement.Condition,
      })),
    ).toEqual(
      expect.arrayContaining([
        {
          actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
          resources: [`<${keyOf(ingestBucket)}.Arn>`],
          condition: {
            StringEquals: {
              'kms:ViaService': 's3.ap-southeast-1.amazonaws.com',
            },
          },
        },
        {
          actions: ['kms:Decrypt'],
          resources: [`<${keyOf(curatedBucket)}.Arn>`],
          condition: {
            StringEquals: {
              'kms:ViaService': 's3.ap-southeast-1.amazonaws.com',
            },
          },
        },
      ]),
    );
    expect(kms).toHaveLength(2);
  });
});

/**
 * Whether the trust policy's conditions on the request tag let a session
 * be tagged `unit_code=<value>` by a caller whose own tag is `callerTag`.
 */
const trustAdmits = (value: string | undefined, callerTag: string): boolean => {
  const trust = template.toJSON().Resources[submitterRole].Properties
    .AssumeRolePolicyDocument.Statement[0] as Statement;
  const key = 'aws:RequestTag/unit_code';
  const patterns = (operator: string) =>
    [trust.Condition?.[operator]?.[key] ?? []].flat() as string[];
  const tags = { unit_code: callerTag };
  if (value === undefined) {
    return trust.Condition?.Null?.[key] !== 'false';
  }
  return (
    patterns('StringLike').every((p) => iamPatternMatches(p, value, tags)) &&
    !patterns('StringNotLike').some((p) => iamPatternMatches(p, value, tags)) &&
    patterns('StringEquals').every((p) => iamPatternMatches(p, value, tags))
  );
};

describe('AgencyAccess at policy level', () => {
  it.each([
    ['VIETTEL', 'VIETTEL', true],
    ['VIETTEL', 'VNPT', false],
    ['VNPT/2023-Q3', 'VNPT/2023-Q3', false],
    ['V', 'V', false],
    [undefined, 'VIETTEL', false],
  ])(
    'lets a session be tagged unit_code=%s by a caller tagged %s: %s',
    (value, caller, expected) => {
      expect(trustAdmits(value, caller)).toBe(expected);
    },
  );

  it.each([
    ['VIETTEL', 'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv', true],
    ['VIETTEL', 'submissions/VNPT/2023-Q3/chi-tieu-cds.csv', false],
    ['VIET', 'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv', false],
    ['VIETTEL', 'submissions/VIETTELX/2023-Q3/chi-tieu-cds.csv', false],
    ['VIETTEL', 'VIETTEL/2023-Q3/chi-tieu-cds.csv', false],
    ['VIETTEL', 'submissions/VIETTEL', false],
  ])('lets unit %s upload %s: %s', (unit, key, expected) => {
    expect(allows(unit, 's3:PutObject', ingestObject(key))).toBe(expected);
  });

  it('lets unit A write neither the curated bucket nor any key of unit B', () => {
    const keyOfB = 'submissions/VNPT/2023-Q3/chi-tieu-cds.csv';

    for (const action of ['s3:PutObject', 's3:AbortMultipartUpload']) {
      expect(allows('VIETTEL', action, ingestObject(keyOfB))).toBe(false);
      expect(allows('VIETTEL', action, curatedObject(keyOfB))).toBe(false);
    }
  });

  it.each([
    [
      'VIETTEL',
      'submissions/VIETTEL/2023-Q3/chi-tieu-cds/s1/report.json',
      true,
    ],
    ['VIETTEL', 'submissions/VNPT/2023-Q3/chi-tieu-cds/s1/report.json', false],
  ])('lets unit %s read the report %s: %s', (unit, key, expected) => {
    expect(allows(unit, 's3:GetObject', curatedObject(key))).toBe(expected);
    expect(allows(unit, 's3:GetObject', ingestObject(key))).toBe(false);
  });

  it.each([
    ['VIETTEL', 'submissions/VIETTEL/', true],
    ['VIETTEL', 'submissions/VIETTEL/2023-Q3/', true],
    ['VIETTEL', 'submissions/VNPT/', false],
    ['VIETTEL', 'submissions/', false],
    ['VIETTEL', '', false],
  ])(
    'lets unit %s list the reports under "%s": %s',
    (unit, prefix, expected) => {
      const list = statements.find((statement) =>
        actionsOf(statement).includes('s3:ListBucket'),
      );
      const pattern = list?.Condition?.StringLike?.['s3:prefix'] as string;

      expect(iamPatternMatches(pattern, prefix, { unit_code: unit })).toBe(
        expected,
      );
    },
  );
});

describe('AgencyAccess with a federation principal', () => {
  it('trusts the identity provider, whose assertion sets unit_code', () => {
    const { stack } = pipelineStack();
    const intake = stack.node.findChild('SubmissionIntake') as SubmissionIntake;
    const provider = SamlProvider.fromSamlProviderArn(
      stack,
      'Idp',
      'arn:aws:iam::123456789012:saml-provider/ThanhHoa',
    );

    new AgencyAccess(stack, 'FederatedAccess', {
      ingestBucket: intake.ingestBucket,
      ingestKey: intake.ingestKey,
      curatedBucket: intake.curatedBucket,
      curatedKey: intake.curatedKey,
      federation: new SamlPrincipal(provider, {}),
    });

    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: {
              Federated: 'arn:aws:iam::123456789012:saml-provider/ThanhHoa',
            },
            Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
            Condition: {
              Null: { 'aws:RequestTag/unit_code': 'false' },
              'ForAllValues:StringEquals': { 'aws:TagKeys': ['unit_code'] },
              StringLike: { 'aws:RequestTag/unit_code': '??*' },
              StringNotLike: { 'aws:RequestTag/unit_code': '*/*' },
            },
          },
        ],
      },
    });
  });
});
