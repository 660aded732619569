import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE_KEYS } from '../../functions/shared/resources.js';

/** Properties of an {@link AggregateTable}. */
interface AggregateTableProps {
  /** What happens to the table when it leaves the stack. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The single DynamoDB table that records submissions, the versions in force
 * and the quarterly aggregates, keyed as the functions expect.
 */
class AggregateTable extends Construct {
  /** The table; grant access with its `grant*` methods. */
  public readonly table: Table;

  public constructor(
    scope: Construct,
    id: string,
    props: AggregateTableProps = {},
  ) {
    super(scope, id);

    this.table = new Table(this, 'Table', {
      partitionKey: {
        name: TABLE_KEYS.partitionKey,
        type: AttributeType.STRING,
      },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      // Keys are enough: the rollup requests' writes start the publication
      // chain (PublicationChain), which reads the requests itself.
      stream: StreamViewType.KEYS_ONLY,
    });
  }
}

export type { AggregateTableProps };
export { AggregateTable };
