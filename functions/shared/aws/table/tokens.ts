import {
  type AttributeValue,
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { AccessToken } from '../../accessTokens.js';
import { PARTITIONS } from '../../resources.js';
import { PK, SK, str, type TableAccess } from './dynamo.js';

/**
 * Agency tokens of the upload API, one item each in one partition:
 *
 * | item         | pk      | sk        |
 * | agency token | `TOKEN` | <sha256>  |
 *
 * The API reads one with `GetItem`; `opendata token list` and `revoke`
 * `Query` the partition (a province has dozens of tokens, not millions).
 * Only the SHA-256 of a token is stored, never the token.
 */
const TOKEN_PARTITION = PARTITIONS.token;

const toToken = (a: Record<string, AttributeValue>): AccessToken => ({
  hash: a[SK]?.S ?? '',
  unitCode: a.unitCode?.S ?? '',
  label: a.label?.S ?? '',
  createdAt: a.createdAt?.S ?? '',
  expiresAt: a.expiresAt?.S ?? '',
  ...(a.datasets?.SS && { datasets: [...a.datasets.SS].sort() }),
  ...(a.revokedAt?.S && { revokedAt: a.revokedAt.S }),
  ...(a.role?.S && { role: a.role.S }),
});

/** Agency tokens of the pipeline table, stored by their SHA-256 hash; a token itself is never stored. */
const tokenItems = ({ db, tableName, queryAll }: TableAccess) => {
  const keyOf = (hash: string) => ({
    [PK]: str(TOKEN_PARTITION),
    [SK]: str(hash),
  });

  /** Stores a new token by its hash; a hash already stored is not overwritten. */
  const putToken = async (token: AccessToken): Promise<void> => {
    await db.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          ...keyOf(token.hash),
          unitCode: str(token.unitCode),
          label: str(token.label),
          createdAt: str(token.createdAt),
          expiresAt: str(token.expiresAt),
          ...(token.role && { role: str(token.role) }),
          ...(token.datasets &&
            token.datasets.length > 0 && {
              datasets: { SS: [...token.datasets] },
            }),
        },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': PK },
      }),
    );
  };

  /** The token with this hash, whatever its state, if there is one. */
  const findToken = async (hash: string): Promise<AccessToken | undefined> => {
    const { Item } = await db.send(
      new GetItemCommand({
        TableName: tableName,
        Key: keyOf(hash),
        ConsistentRead: true,
      }),
    );
    return Item ? toToken(Item) : undefined;
  };

  /** Every token, revoked and expired ones included, in hash order. */
  const listTokens = async (): Promise<AccessToken[]> =>
    (await queryAll(TOKEN_PARTITION, '')).map(toToken);

  /** Marks a stored token revoked at `at`; false if there is no such token. */
  const revokeToken = async (hash: string, at: string): Promise<boolean> => {
    try {
      await db.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: keyOf(hash),
          UpdateExpression: 'SET #revokedAt = if_not_exists(#revokedAt, :at)',
          ConditionExpression: 'attribute_exists(#pk)',
          ExpressionAttributeNames: { '#pk': PK, '#revokedAt': 'revokedAt' },
          ExpressionAttributeValues: { ':at': str(at) },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  };

  return { putToken, findToken, listTokens, revokeToken };
};

export { TOKEN_PARTITION, tokenItems };
