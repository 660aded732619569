import { type AttributeValue, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type {
  SubmissionLineage,
  SubmissionMeasures,
} from '../../aggregate/measures.js';
import type { SubmissionRecord } from '../../ledger/submissionLedger.js';
import { num, PK, SK, str, type TableAccess } from './dynamo.js';

// Ledger entry      PERIOD#<period>    SUBMISSION#<dataset>#<unit>#<order>#<id>
// In force          PERIOD#<period>    CURRENT#<dataset>#<unit>
// Period index      DATASET#<dataset>  PERIOD#<period>

const submissionAttributes = (item: SubmissionRecord) => ({
  submissionId: str(item.submissionId),
  objectKey: str(item.key),
  ...(item.versionId && { versionId: str(item.versionId) }),
  unitCode: str(item.unitCode),
  period: str(item.period),
  datasetId: str(item.datasetId),
  status: str(item.status),
  receivedAt: str(item.receivedAt),
  order: str(item.order),
  rows: num(item.rows),
  errors: num(item.errors),
  warnings: num(item.warnings),
  reportKey: str(item.reportKey),
  ...(item.normalizedKey && { normalizedKey: str(item.normalizedKey) }),
  ...(item.measures && { measures: str(JSON.stringify(item.measures)) }),
  ...(item.lineage && { lineage: str(JSON.stringify(item.lineage)) }),
});

const toSubmission = (a: Record<string, AttributeValue>): SubmissionRecord => ({
  submissionId: a.submissionId?.S ?? '',
  key: a.objectKey?.S ?? '',
  ...(a.versionId?.S && { versionId: a.versionId.S }),
  unitCode: a.unitCode?.S ?? '',
  period: a.period?.S ?? '',
  datasetId: a.datasetId?.S ?? '',
  status: (a.status?.S ?? 'rejected') as SubmissionRecord['status'],
  receivedAt: a.receivedAt?.S ?? '',
  order: a.order?.S ?? '',
  rows: Number(a.rows?.N ?? 0),
  errors: Number(a.errors?.N ?? 0),
  warnings: Number(a.warnings?.N ?? 0),
  reportKey: a.reportKey?.S ?? '',
  ...(a.normalizedKey?.S && { normalizedKey: a.normalizedKey.S }),
  ...(a.measures?.S && {
    measures: JSON.parse(a.measures.S) as SubmissionMeasures,
  }),
  ...(a.lineage?.S && {
    lineage: JSON.parse(a.lineage.S) as SubmissionLineage,
  }),
});

/** The ledger of uploads, the submission in force per unit, and the periods each dataset has. */
const submissionItems = ({ db, tableName, queryAll, putIf }: TableAccess) => ({
  /** Records an upload in the ledger and, if accepted and newest for its key, puts it in force. */
  async recordSubmission(item: SubmissionRecord): Promise<void> {
    const pk = `PERIOD#${item.period}`;
    await db.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          [PK]: str(pk),
          [SK]: str(
            `SUBMISSION#${item.datasetId}#${item.unitCode}#${item.order}#${item.submissionId}`,
          ),
          ...submissionAttributes(item),
        },
      }),
    );
    if (item.status === 'rejected') return;
    await db.send(
      new PutItemCommand({
        TableName: tableName,
        Item: { [PK]: str(`DATASET#${item.datasetId}`), [SK]: str(pk) },
      }),
    );
    // An older upload's late event must not replace a newer submission.
    await putIf({
      Item: {
        [PK]: str(pk),
        [SK]: str(`CURRENT#${item.datasetId}#${item.unitCode}`),
        ...submissionAttributes(item),
      },
      ConditionExpression: 'attribute_not_exists(#pk) OR #order <= :order',
      ExpressionAttributeNames: { '#pk': PK, '#order': 'order' },
      ExpressionAttributeValues: { ':order': str(item.order) },
    });
  },

  /** The accepted submissions in force for a dataset and period, one per unit. */
  listCurrent: async (
    period: string,
    datasetId: string,
  ): Promise<SubmissionRecord[]> =>
    (await queryAll(`PERIOD#${period}`, `CURRENT#${datasetId}#`)).map(
      toSubmission,
    ),

  /** Every upload of a period, accepted or not, in ledger order. */
  listLedger: async (period: string): Promise<SubmissionRecord[]> =>
    (await queryAll(`PERIOD#${period}`, 'SUBMISSION#')).map(toSubmission),

  /** One unit's uploads of a dataset for a period, newest last. */
  listUploads: async (
    period: string,
    datasetId: string,
    unitCode: string,
  ): Promise<SubmissionRecord[]> =>
    (
      await queryAll(`PERIOD#${period}`, `SUBMISSION#${datasetId}#${unitCode}#`)
    ).map(toSubmission),

  /** The periods for which a dataset has accepted submissions. */
  listPeriods: async (datasetId: string): Promise<string[]> =>
    (await queryAll(`DATASET#${datasetId}`, 'PERIOD#')).map((a) =>
      (a[SK]?.S ?? '').replace('PERIOD#', ''),
    ),
});

export { submissionItems };
