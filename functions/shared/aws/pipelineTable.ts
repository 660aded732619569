import {
  type AttributeValue,
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import type {
  SubmissionLineage,
  SubmissionMeasures,
} from '../aggregate/measures.js';
import type { SubmissionRecord } from '../ledger/submissionLedger.js';
import { TABLE_KEYS } from '../resources.js';

/**
 * Single-table design (README, "DynamoDB design"):
 *
 * | item              | pk                  | sk                                        |
 * | ledger entry      | PERIOD#<period>     | SUBMISSION#<dataset>#<unit>#<order>#<id>  |
 * | submission in force | PERIOD#<period>   | CURRENT#<dataset>#<unit>                  |
 * | consolidated row  | PERIOD#<period>     | AGGREGATE#<dataset>#<group>               |
 * | change of a row   | PERIOD#<period>     | HISTORY#<dataset>#<group>#<changeId>      |
 * | period index      | DATASET#<dataset>   | PERIOD#<period>                           |
 * | ingested upload   | UPLOAD#<bucket>/<key> | <version or etag@sequencer>             |
 * | agency token      | TOKEN#<sha256>      | TOKEN                                     |
 *
 * Every read is a Query on one partition; nothing scans.
 */

/** A submission a consolidated figure was computed from. */
export interface AggregateSource {
  readonly unitCode: string;
  readonly submissionId: string;
  readonly key: string;
  readonly versionId?: string;
  /** Physical lines of the submitted file. */
  readonly lines: readonly number[];
}

/** One consolidated row of a derived dataset, values as canonical strings. */
export interface AggregateItem {
  readonly period: string;
  readonly datasetId: string;
  readonly group: string;
  readonly values: Readonly<Record<string, string>>;
  readonly sources?: readonly AggregateSource[];
}

/** A consolidated row that changed: what it was, what it became, why and when. */
export interface HistoryItem {
  readonly period: string;
  readonly datasetId: string;
  readonly group: string;
  /** Content id of the change, so two concurrent rollups record it once. */
  readonly changeId: string;
  readonly changedAt: string;
  readonly reason: string;
  readonly previous: Readonly<Record<string, string>>;
  readonly current: Readonly<Record<string, string>>;
}

const { partitionKey: PK, sortKey: SK } = TABLE_KEYS;
const str = (value: string): AttributeValue => ({ S: value });
const num = (value: number): AttributeValue => ({ N: String(value) });

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

/** The pipeline's DynamoDB table: the ledger, submissions in force, aggregates. */
const createPipelineTable = (db: DynamoDBClient, tableName: string) => {
  const queryAll = async (pk: string, skPrefix: string) => {
    const items: Record<string, AttributeValue>[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
          ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
          ExpressionAttributeValues: {
            ':pk': str(pk),
            ':prefix': str(skPrefix),
          },
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  };

  const batchWrite = async (requests: WriteRequest[]) => {
    for (let i = 0; i < requests.length; i += 25) {
      let pending: WriteRequest[] | undefined = requests.slice(i, i + 25);
      // DynamoDB may hand back unprocessed items under load: resend them.
      for (let attempt = 0; pending && pending.length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * attempt));
        const result: { UnprocessedItems?: Record<string, WriteRequest[]> } =
          await db.send(
            new BatchWriteItemCommand({
              RequestItems: { [tableName]: pending },
            }),
          );
        pending = result.UnprocessedItems?.[tableName];
      }
    }
  };

  /** Records an upload in the ledger and, if accepted and newest for its key, puts it in force. */
  const recordSubmission = async (item: SubmissionRecord): Promise<void> => {
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
    try {
      await db.send(
        new PutItemCommand({
          TableName: tableName,
          Item: {
            [PK]: str(pk),
            [SK]: str(`CURRENT#${item.datasetId}#${item.unitCode}`),
            ...submissionAttributes(item),
          },
          // An older upload's late event must not replace a newer submission.
          ConditionExpression: 'attribute_not_exists(#pk) OR #order <= :order',
          ExpressionAttributeNames: { '#pk': PK, '#order': 'order' },
          ExpressionAttributeValues: { ':order': str(item.order) },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  };

  /** The accepted submissions in force for a dataset and period, one per unit. */
  const listCurrent = async (
    period: string,
    datasetId: string,
  ): Promise<SubmissionRecord[]> =>
    (await queryAll(`PERIOD#${period}`, `CURRENT#${datasetId}#`)).map(
      toSubmission,
    );

  /** Every upload of a period, accepted or not, in ledger order. */
  const listLedger = async (period: string): Promise<SubmissionRecord[]> =>
    (await queryAll(`PERIOD#${period}`, 'SUBMISSION#')).map(toSubmission);

  /** The periods for which a dataset has accepted submissions. */
  const listPeriods = async (datasetId: string): Promise<string[]> =>
    (await queryAll(`DATASET#${datasetId}`, 'PERIOD#')).map((a) =>
      (a[SK]?.S ?? '').replace('PERIOD#', ''),
    );

  /** Replaces the consolidated rows of one derived dataset and period. */
  const replaceAggregates = async (
    period: string,
    datasetId: string,
    rows: readonly AggregateItem[],
  ): Promise<void> => {
    const pk = `PERIOD#${period}`;
    const prefix = `AGGREGATE#${datasetId}#`;
    const keep = new Set(rows.map((r) => `${prefix}${r.group}`));
    const stale = (await queryAll(pk, prefix))
      .map((a) => a[SK]?.S ?? '')
      .filter((sk) => !keep.has(sk));
    await batchWrite([
      ...rows.map((r) => ({
        PutRequest: {
          Item: {
            [PK]: str(pk),
            [SK]: str(`${prefix}${r.group}`),
            values: str(JSON.stringify(r.values)),
            sources: str(JSON.stringify(r.sources ?? [])),
          },
        },
      })),
      ...stale.map((sk) => ({
        DeleteRequest: { Key: { [PK]: str(pk), [SK]: str(sk) } },
      })),
    ]);
  };

  /** The consolidated rows of one derived dataset and period. */
  const listAggregates = async (
    period: string,
    datasetId: string,
  ): Promise<AggregateItem[]> =>
    (await queryAll(`PERIOD#${period}`, `AGGREGATE#${datasetId}#`)).map(
      (a) => ({
        period,
        datasetId,
        group: (a[SK]?.S ?? '').slice(`AGGREGATE#${datasetId}#`.length),
        values: JSON.parse(a.values?.S ?? '{}') as Record<string, string>,
        sources: JSON.parse(a.sources?.S ?? '[]') as AggregateSource[],
      }),
    );

  /** Records changes of consolidated rows; a change already recorded is not written again. */
  const appendHistory = async (items: readonly HistoryItem[]) => {
    for (const h of items) {
      try {
        await db.send(
          new PutItemCommand({
            TableName: tableName,
            Item: {
              [PK]: str(`PERIOD#${h.period}`),
              [SK]: str(`HISTORY#${h.datasetId}#${h.group}#${h.changeId}`),
              changedAt: str(h.changedAt),
              reason: str(h.reason),
              previous: str(JSON.stringify(h.previous)),
              current: str(JSON.stringify(h.current)),
            },
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': PK },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
  };

  /** The recorded changes of one consolidated row, oldest first. */
  const listHistory = async (
    period: string,
    datasetId: string,
    group: string,
  ): Promise<HistoryItem[]> =>
    (await queryAll(`PERIOD#${period}`, `HISTORY#${datasetId}#${group}#`))
      .map((a) => ({
        period,
        datasetId,
        group,
        changeId: (a[SK]?.S ?? '').split('#').at(-1) ?? '',
        changedAt: a.changedAt?.S ?? '',
        reason: a.reason?.S ?? '',
        previous: JSON.parse(a.previous?.S ?? '{}') as Record<string, string>,
        current: JSON.parse(a.current?.S ?? '{}') as Record<string, string>,
      }))
      .sort((x, y) => (x.changedAt < y.changedAt ? -1 : 1));

  const uploadKey = (uploadId: string) => {
    const at = uploadId.lastIndexOf('#');
    return {
      [PK]: str(`UPLOAD#${uploadId.slice(0, at)}`),
      [SK]: str(uploadId.slice(at + 1)),
    };
  };

  /** The summary stored when an upload was ingested, if it was. */
  const findIngested = async <T>(uploadId: string): Promise<T | undefined> => {
    const { Item } = await db.send(
      new GetItemCommand({
        TableName: tableName,
        Key: uploadKey(uploadId),
        ConsistentRead: true,
      }),
    );
    return Item?.summary?.S ? (JSON.parse(Item.summary.S) as T) : undefined;
  };

  /** Marks an upload ingested; the first mark wins. */
  const markIngested = async (uploadId: string, summary: unknown) => {
    try {
      await db.send(
        new PutItemCommand({
          TableName: tableName,
          Item: {
            ...uploadKey(uploadId),
            summary: str(JSON.stringify(summary)),
          },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': PK },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  };

  /** Stores an agency token by its SHA-256 hash; the token itself is never stored. */
  const putToken = async (
    hash: string,
    unitCode: string,
    label: string,
    createdAt: string,
  ) => {
    await db.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          [PK]: str(`TOKEN#${hash}`),
          [SK]: str('TOKEN'),
          unitCode: str(unitCode),
          label: str(label),
          createdAt: str(createdAt),
        },
      }),
    );
  };

  /** The unit a token hash belongs to, if any. */
  const findTokenUnit = async (hash: string): Promise<string | undefined> => {
    const { Item } = await db.send(
      new GetItemCommand({
        TableName: tableName,
        Key: { [PK]: str(`TOKEN#${hash}`), [SK]: str('TOKEN') },
      }),
    );
    return Item?.unitCode?.S;
  };

  /** One unit's uploads of a dataset for a period, newest last. */
  const listUploads = async (
    period: string,
    datasetId: string,
    unitCode: string,
  ): Promise<SubmissionRecord[]> =>
    (
      await queryAll(`PERIOD#${period}`, `SUBMISSION#${datasetId}#${unitCode}#`)
    ).map(toSubmission);

  return {
    putToken,
    findTokenUnit,
    listUploads,
    findIngested,
    markIngested,
    recordSubmission,
    listCurrent,
    listLedger,
    listPeriods,
    replaceAggregates,
    listAggregates,
    appendHistory,
    listHistory,
  };
};

/** Repository over the pipeline's DynamoDB table. */
export type PipelineTable = ReturnType<typeof createPipelineTable>;

export { createPipelineTable };
