import {
  type AttributeValue,
  type DynamoDBClient,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { TABLE_KEYS } from '../../resources.js';
import {
  type Approval,
  type ApprovalEvent,
  approvalInForce,
  byTime,
} from '../../signoff/periodApproval.js';

/**
 * Sign-off events of a quarter (README, "DynamoDB design"):
 *
 * | item            | pk              | sk                          |
 * | sign-off event  | PERIOD#<period> | SIGNOFF#<at>#<action>       |
 *
 * Events are only added, never changed: the history keeps every approval
 * and reopening; the last one decides whether the quarter is locked.
 */
const { partitionKey: PK, sortKey: SK } = TABLE_KEYS;
const str = (value: string): AttributeValue => ({ S: value });

const toEvent = (
  period: string,
  a: Record<string, AttributeValue>,
): ApprovalEvent => ({
  period,
  action: a.action?.S === 'reopen' ? 'reopen' : 'approve',
  by: a.by?.S ?? '',
  at: a.at?.S ?? '',
  ...(a.note?.S && { note: a.note.S }),
  ...(a.reason?.S && { reason: a.reason.S }),
});

/** Approvals and reopenings of quarters, in the pipeline's table. */
const createApprovalsTable = (db: DynamoDBClient, tableName: string) => {
  /** Every sign-off event of a period, oldest first. */
  const listSignOffs = async (period: string): Promise<ApprovalEvent[]> => {
    const items: Record<string, AttributeValue>[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
          ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
          ExpressionAttributeValues: {
            ':pk': str(`PERIOD#${period}`),
            ':prefix': str('SIGNOFF#'),
          },
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items.map((a) => toEvent(period, a)).sort(byTime);
  };

  /** Adds an approval or a reopening; an event is written once. */
  const recordSignOff = async (event: ApprovalEvent): Promise<void> => {
    await db.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          [PK]: str(`PERIOD#${event.period}`),
          [SK]: str(`SIGNOFF#${event.at}#${event.action}`),
          action: str(event.action),
          by: str(event.by),
          at: str(event.at),
          ...(event.note && { note: str(event.note) }),
          ...(event.reason && { reason: str(event.reason) }),
        },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': PK },
      }),
    );
  };

  /** The approval locking a period, if it is approved now. */
  const periodLock = async (period: string): Promise<Approval | undefined> =>
    approvalInForce(await listSignOffs(period));

  return { listSignOffs, recordSignOff, periodLock };
};

/** Repository of quarters' sign-off events. */
export type ApprovalsTable = ReturnType<typeof createApprovalsTable>;

export { createApprovalsTable };
