import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { startDynamoDbLocal } from '../../local/dynamoDbLocal.js';

const saved = { ...process.env };
afterEach(() => {
  process.env.JAVA_TOOL_OPTIONS = saved.JAVA_TOOL_OPTIONS;
  if (saved.JAVA_TOOL_OPTIONS === undefined)
    delete process.env.JAVA_TOOL_OPTIONS;
  process.env.PATH = saved.PATH;
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

  it('says that Java is missing when there is none on PATH', async () => {
    process.env.PATH = '/nonexistent';
    await expect(startDynamoDbLocal(null)).rejects.toThrow(
      /exited at start 3 times \(Java 17 or later is needed on PATH\).*spawn java ENOENT/s,
    );
  });

  it('leaves the environment as it found it', async () => {
    process.env.JAVA_TOOL_OPTIONS = '-XX:+NoSuchOptionForThisTest';
    await expect(startDynamoDbLocal(null)).rejects.toThrow(/NoSuchOption/);

    expect(process.env.JAVA_TOOL_OPTIONS).toBe('-XX:+NoSuchOptionForThisTest');
    expect(process.env.DDB_LOCAL_TELEMETRY).toBe(saved.DDB_LOCAL_TELEMETRY);
  });
});
