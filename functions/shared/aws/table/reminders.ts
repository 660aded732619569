import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { ReminderMessage } from '../../reminders/reminderMessages.js';
import { PARTITIONS } from '../../resources.js';
import { PK, SK, str, type TableAccess } from './dynamo.js';

/**
 * Reminder e-mails, one item per message id:
 *
 * | item           | pk                  | sk           | attributes                                   |
 * | reminder       | `REMINDER#<period>` | `<message id>` | kind, unitCode, to, cc, subject, state, at |
 *
 * A message is claimed with a conditional put before it is sent, so a
 * schedule that fires twice sends it once; a failed send releases the claim
 * for the next run.
 */

/** A reminder as recorded: what went to whom, and when. */
export interface ReminderRecord {
  readonly id: string;
  readonly period: string;
  readonly kind: string;
  readonly unitCode: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly subject: string;
  /** `sending` while claimed, `sent` once the mail service took it. */
  readonly state: 'sending' | 'sent';
  readonly at: string;
}

const keyOf = (message: Pick<ReminderMessage, 'id' | 'period'>) => ({
  [PK]: str(`${PARTITIONS.reminder}${message.period}`),
  [SK]: str(message.id),
});

const conditionFailed = (error: unknown): false => {
  if (error instanceof ConditionalCheckFailedException) return false;
  throw error;
};

/** The reminder items of the pipeline table. */
const reminderItems = ({ db, tableName, queryAll, putIf }: TableAccess) => {
  /** Claims a message for sending; false when it was claimed or sent before. */
  const claim = async (message: ReminderMessage, at: Date): Promise<boolean> =>
    putIf({
      Item: {
        ...keyOf(message),
        kind: str(message.kind),
        unitCode: str(message.unitCode),
        to: str(JSON.stringify(message.to)),
        cc: str(JSON.stringify(message.cc)),
        subject: str(message.subject),
        state: str('sending'),
        at: str(at.toISOString()),
      },
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': PK },
    });

  /** Records that the mail service accepted the message. */
  const markSent = async (message: ReminderMessage, at: Date) => {
    await db.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: keyOf(message),
        UpdateExpression: 'SET #state = :sent, #at = :at',
        ExpressionAttributeNames: { '#state': 'state', '#at': 'at' },
        ExpressionAttributeValues: {
          ':sent': str('sent'),
          ':at': str(at.toISOString()),
        },
      }),
    );
  };

  /** Gives a claim back after a failed send, so a later run sends it. */
  const release = async (message: ReminderMessage) => {
    await db
      .send(
        new DeleteItemCommand({
          TableName: tableName,
          Key: keyOf(message),
          ConditionExpression: '#state = :sending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':sending': str('sending') },
        }),
      )
      .catch(conditionFailed);
  };

  /** Every reminder recorded for a period, by message id. */
  const listReminders = async (period: string): Promise<ReminderRecord[]> => {
    const items = await queryAll(`${PARTITIONS.reminder}${period}`, '');
    return items.map((a) => ({
      id: a[SK]?.S ?? '',
      period,
      kind: a.kind?.S ?? '',
      unitCode: a.unitCode?.S ?? '',
      to: JSON.parse(a.to?.S ?? '[]') as string[],
      cc: JSON.parse(a.cc?.S ?? '[]') as string[],
      subject: a.subject?.S ?? '',
      state: a.state?.S === 'sent' ? 'sent' : 'sending',
      at: a.at?.S ?? '',
    }));
  };

  return { claim, markSent, release, listReminders };
};

/** The reminder items of the pipeline table. */
export type ReminderLog = ReturnType<typeof reminderItems>;

export { reminderItems };
