import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';

/** What {@link onlyLeadingKeys} grants. */
interface LeadingKeysGrant {
  /** DynamoDB item actions, e.g. `dynamodb:GetItem`; never Scan, which has no leading key. */
  readonly actions: readonly string[];
  /** Partition-key values or patterns (`PERIOD#*`) the grantee may touch. */
  readonly partitionKeys: readonly string[];
}

/**
 * Grants item actions on a table only for items whose partition key matches
 * one of the given patterns (IAM `dynamodb:LeadingKeys`). Scan and the table
 * management actions are left out: a Scan names no leading key, and
 * `ForAllValues` over no key at all would let it through.
 */
const onlyLeadingKeys = (
  table: ITable,
  grantee: IGrantable,
  grant: LeadingKeysGrant,
): Grant => {
  const unkeyed = grant.actions.filter((action) =>
    /^dynamodb:(Scan|Describe|List|Create|Delete(Table|Backup)|Update(Table|TimeToLive)|Export|Import|Restore|Tag|Untag)/.test(
      action,
    ),
  );
  if (unkeyed.length > 0) {
    throw new Error(`${unkeyed.join(', ')} cannot be limited by leading keys`);
  }
  return Grant.addToPrincipal({
    grantee,
    actions: [...grant.actions],
    resourceArns: [table.tableArn],
    conditions: {
      'ForAllValues:StringLike': {
        'dynamodb:LeadingKeys': [...grant.partitionKeys],
      },
    },
  });
};

export type { LeadingKeysGrant };
export { onlyLeadingKeys };
