import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { startDynamoDbLocal } from '../../local/dynamoDbLocal.js';

const saved = process.env.JAVA_TOOL_OPTIONS;
afterEach(() => {
  if (saved === undefined) delete process.env.JAVA_TOOL_OPTIONS;
  else process.env.JAVA_TOOL_OPTIONS = saved;
});

describe('DynamoDB Local launcher', () => {
  it('answers on its endpoint, and is gone once stopped', async () => {
    const dynamo = await startDynamoDbLocal(null);
    const db = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'ap-southeast-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    try {
      const tables = await db.send(new ListTablesCommand({}));
      expect(tables.TableNames).toEqual([]);
      await dynamo.stop();
      await expect(db.send(new ListTablesCommand({}))).rejects.toThrow(
        /ECONNREFUSED/,
      );
    } finally {
      db.destroy();
    }
  });

  it('says what Java printed when the JVM cannot start', async () => {
    process.env.JAVA_TOOL_OPTIONS = '-XX:+NoSuchOptionForThisTest';
    await expect(startDynamoDbLocal(null)).rejects.toThrow(
      /exited at start 3 times .*Unrecognized VM option 'NoSuchOptionForThisTest'/s,
    );
  });
});
