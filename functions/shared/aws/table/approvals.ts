import { type AttributeValue, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  type Approval,
  type ApprovalEvent,
  approvalInForce,
  byTime,
} from '../../signoff/periodApproval.js';
import { PK, SK, str, type TableAccess } from './dynamo.js';

/**
 * Sign-off events of a quarter (README, "DynamoDB design"):
 *
 * | item            | pk              | sk                          |
 * | sign-off event  | PERIOD#<period> | SIGNOFF#<at>#<action>       |
 *
 * Events are only added, never changed: the history keeps every approval
 * and reopening; the last one decides whether the quarter is locked.
 */

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
const approvalItems = ({ db, tableName, queryAll }: TableAccess) => {
  /** Every sign-off event of a period, oldest first. */
  const listSignOffs = async (period: string): Promise<ApprovalEvent[]> =>
    (await queryAll(`PERIOD#${period}`, 'SIGNOFF#'))
      .map((a) => toEvent(period, a))
      .sort(byTime);

  /** Adds an approval or a reopening; an event is written once (a repeat throws). */
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

export { approvalItems };
