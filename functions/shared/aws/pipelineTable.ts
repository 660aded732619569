import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { aggregateItems } from './table/aggregates.js';
import { approvalItems } from './table/approvals.js';
import { createTableAccess } from './table/dynamo.js';
import { submissionItems } from './table/submissions.js';
import { tokenItems } from './table/tokens.js';
import { uploadItems } from './table/uploads.js';

/**
 * The pipeline's one DynamoDB table (README, "DynamoDB design"), one file
 * per item kind in `table/`:
 *
 * | item                | pk                    | sk                                       | file           |
 * | ledger entry        | PERIOD#<period>       | SUBMISSION#<dataset>#<unit>#<order>#<id> | submissions.ts |
 * | submission in force | PERIOD#<period>       | CURRENT#<dataset>#<unit>                 | submissions.ts |
 * | period index        | DATASET#<dataset>     | PERIOD#<period>                          | submissions.ts |
 * | consolidated row    | PERIOD#<period>       | AGGREGATE#<dataset>#<group>              | aggregates.ts  |
 * | change of a row     | PERIOD#<period>       | HISTORY#<dataset>#<group>#<changeId>     | aggregates.ts  |
 * | ingested upload     | UPLOAD#<bucket>/<key> | <version or etag@sequencer>              | uploads.ts     |
 * | agency token        | TOKEN                 | <sha256>                                 | tokens.ts      |
 * | sign-off event      | PERIOD#<period>       | SIGNOFF#<at>#<action>                    | approvals.ts   |
 *
 * Every read is a Query or Get on one partition; nothing scans.
 */
const createPipelineTable = (
  db: DynamoDBClient,
  tableName: string,
  options?: Parameters<typeof createTableAccess>[2],
) => {
  const access = createTableAccess(db, tableName, options);
  return {
    ...submissionItems(access),
    ...aggregateItems(access),
    ...uploadItems(access),
    ...tokenItems(access),
    ...approvalItems(access),
  };
};

/** Repository over the pipeline's DynamoDB table. */
export type PipelineTable = ReturnType<typeof createPipelineTable>;

export { createPipelineTable };
