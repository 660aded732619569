import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { PK, SK, str, type TableAccess } from './dynamo.js';

// Ingested upload   UPLOAD#<bucket>/<key>   <version or etag@sequencer>

const uploadKey = (uploadId: string) => {
  const at = uploadId.lastIndexOf('#');
  return {
    [PK]: str(`UPLOAD#${uploadId.slice(0, at)}`),
    [SK]: str(uploadId.slice(at + 1)),
  };
};

/** Which uploads were ingested already, so a repeated event has no second effect. */
const uploadItems = ({ db, tableName, putIf }: TableAccess) => ({
  /** The summary stored when an upload was ingested, if it was. */
  async findIngested<T>(uploadId: string): Promise<T | undefined> {
    const { Item } = await db.send(
      new GetItemCommand({
        TableName: tableName,
        Key: uploadKey(uploadId),
        ConsistentRead: true,
      }),
    );
    return Item?.summary?.S ? (JSON.parse(Item.summary.S) as T) : undefined;
  },

  /** Marks an upload ingested; the first mark wins. */
  async markIngested(uploadId: string, summary: unknown): Promise<void> {
    await putIf({
      Item: { ...uploadKey(uploadId), summary: str(JSON.stringify(summary)) },
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': PK },
    });
  },
});

export { uploadItems };
