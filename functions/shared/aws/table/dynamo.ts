import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AttributeValue,
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  PutItemCommand,
  type PutItemCommandInput,
  QueryCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { StorageError } from '../../errors.js';
import { TABLE_KEYS } from '../../resources.js';

/**
 * What every item kind of the table shares: the client, the table's name,
 * and the three ways items are read and written (a query on one partition,
 * batched writes, a conditional put). One file per item kind builds on it.
 */
export interface TableAccess {
  readonly db: DynamoDBClient;
  readonly tableName: string;
  /** Every item of a partition whose sort key starts with `skPrefix` (all of it for ''), page by page. */
  queryAll(
    pk: string,
    skPrefix: string,
  ): Promise<Record<string, AttributeValue>[]>;
  /** Writes requests 25 at a time, resending what DynamoDB hands back unprocessed, a bounded number of times. */
  batchWrite(requests: readonly WriteRequest[]): Promise<void>;
  /** Puts an item if its condition holds; `false` when it did not (the item was left as it was). */
  putIf(input: Omit<PutItemCommandInput, 'TableName'>): Promise<boolean>;
}

const { partitionKey: PK, sortKey: SK } = TABLE_KEYS;
const str = (value: string): AttributeValue => ({ S: value });
const num = (value: number): AttributeValue => ({ N: String(value) });

/** Sends of one batch at most, the first included, before the write is given up. */
const MAX_BATCH_ATTEMPTS = 6;
const BATCH_SIZE = 25;

/** Backoff before resending unprocessed items: 50 ms, 100 ms, 200 ms… */
const backoffMs = (attempt: number) => 50 * 2 ** (attempt - 1);

const createTableAccess = (
  db: DynamoDBClient,
  tableName: string,
  options: { readonly backoff?: (attempt: number) => number } = {},
): TableAccess => {
  const backoff = options.backoff ?? backoffMs;
  return {
    db,
    tableName,
    async queryAll(pk, skPrefix) {
      const items: Record<string, AttributeValue>[] = [];
      let start: Record<string, AttributeValue> | undefined;
      do {
        // DynamoDB refuses an empty string: no prefix means the whole partition.
        const page = await db.send(
          new QueryCommand({
            TableName: tableName,
            ...(skPrefix === ''
              ? {
                  KeyConditionExpression: '#pk = :pk',
                  ExpressionAttributeNames: { '#pk': PK },
                  ExpressionAttributeValues: { ':pk': str(pk) },
                }
              : {
                  KeyConditionExpression:
                    '#pk = :pk AND begins_with(#sk, :prefix)',
                  ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
                  ExpressionAttributeValues: {
                    ':pk': str(pk),
                    ':prefix': str(skPrefix),
                  },
                }),
            ExclusiveStartKey: start,
            ConsistentRead: true,
          }),
        );
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    },
    async batchWrite(requests) {
      for (let i = 0; i < requests.length; i += BATCH_SIZE) {
        let pending = requests.slice(i, i + BATCH_SIZE);
        // DynamoDB may hand back unprocessed items under load: resend them, a few times.
        for (let attempt = 1; pending.length > 0; attempt++) {
          if (attempt > MAX_BATCH_ATTEMPTS) {
            throw new StorageError(
              `DynamoDB left ${pending.length} of ${requests.length} writes unprocessed after ${MAX_BATCH_ATTEMPTS} attempts`,
            );
          }
          if (attempt > 1) await sleep(backoff(attempt - 1));
          const result = await db.send(
            new BatchWriteItemCommand({
              RequestItems: { [tableName]: pending },
            }),
          );
          pending = result.UnprocessedItems?.[tableName] ?? [];
        }
      }
    },
    async putIf(input) {
      try {
        await db.send(new PutItemCommand({ ...input, TableName: tableName }));
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
  };
};

export { createTableAccess, MAX_BATCH_ATTEMPTS, num, PK, SK, str };
