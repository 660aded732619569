import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PK, SK, str, type TableAccess } from './dynamo.js';

// Agency token      TOKEN#<sha256>   TOKEN

/** Agency tokens, stored by their SHA-256 hash; a token itself is never stored. */
const tokenItems = ({ db, tableName }: TableAccess) => ({
  /** Stores an agency token by its hash. */
  async putToken(
    hash: string,
    unitCode: string,
    label: string,
    createdAt: string,
  ): Promise<void> {
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
  },

  /** The unit a token hash belongs to, if any. */
  async findTokenUnit(hash: string): Promise<string | undefined> {
    const { Item } = await db.send(
      new GetItemCommand({
        TableName: tableName,
        Key: { [PK]: str(`TOKEN#${hash}`), [SK]: str('TOKEN') },
      }),
    );
    return Item?.unitCode?.S;
  },
});

export { tokenItems };
