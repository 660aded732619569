import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ENV } from '../../functions/shared/resources.js';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// Where `schemas/` lands inside the deployed bundle (/var/task is the code root).
const BUNDLED_SCHEMAS_DIR = '/var/task/schemas';

// esbuild's ESM output has no `require`; CommonJS dependencies still call it.
const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/** Properties of a {@link PipelineFunction}. */
interface PipelineFunctionProps {
  /** Folder under `functions/` whose `handler.ts` exports `handler`, e.g. `ingest-submission`. */
  readonly name: string;
  /** What the function does, shown in the Lambda console. @default - no description */
  readonly description?: string;
  /** Maximum run time of one invocation. @default Duration.seconds(30) */
  readonly timeout?: Duration;
  /** Memory in MiB; CPU scales with it. @default 512 */
  readonly memorySize?: number;
  /** Extra environment variables, added to the house ones. @default - none */
  readonly environment?: Readonly<Record<string, string>>;
  /** Queue that receives asynchronous invocations that failed every retry. @default - none */
  readonly deadLetterQueue?: IQueue;
  /** How long the function's log group keeps events. @default RetentionDays.SIX_MONTHS */
  readonly logRetention?: RetentionDays;
  /** More commands run after bundling, in the bundle's folder. @default - none */
  readonly afterBundling?: (inputDir: string, outputDir: string) => string[];
  /**
   * Most concurrent runs of this function, reserved out of the account's
   * pool, so that a flood on one function can neither starve the others nor
   * run up the bill. @default 2
   */
  readonly reservedConcurrentExecutions?: number;
}

/**
 * A pipeline Lambda function with the house defaults: Node.js 22 on ARM64, an
 * ESM bundle built by local esbuild with source maps and the `schemas/` folder,
 * its own log group with retention and a role that may only write to it.
 */
class PipelineFunction extends NodejsFunction {
  /** The log group the function writes to. */
  public readonly functionLogGroup: LogGroup;
  /** The execution role; grants on the function land here. */
  public readonly executionRole: Role;

  public constructor(
    scope: Construct,
    id: string,
    props: PipelineFunctionProps,
  ) {
    // Both are created beside the function because `this` is not usable
    // before super(); CloudFormation still names them.
    const logGroup = new LogGroup(scope, `${id}LogGroup`, {
      retention: props.logRetention ?? RetentionDays.SIX_MONTHS,
    });
    // Our own role rather than AWSLambdaBasicExecutionRole: the managed policy
    // may write to every log group, this one only to the function's own.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${props.name} function`,
    });
    logGroup.grantWrite(role);

    super(scope, id, {
      entry: join(REPO_ROOT, 'functions', props.name, 'handler.ts'),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      reservedConcurrentExecutions: props.reservedConcurrentExecutions ?? 2,
      role,
      logGroup,
      deadLetterQueue: props.deadLetterQueue,
      environment: {
        ...props.environment,
        NODE_OPTIONS: '--enable-source-maps',
        [ENV.schemasDir]: BUNDLED_SCHEMAS_DIR,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        keepNames: true,
        sourceMap: true,
        sourcesContent: false,
        // Bundle the SDK so the versions in package-lock.json are the ones
        // that run; @aws-sdk/lib-storage is not part of the Lambda runtime.
        bundleAwsSDK: true,
        tsconfig: join(REPO_ROOT, 'tsconfig.json'),
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) => [
            `cp -r "${inputDir}/schemas" "${outputDir}/schemas"`,
            ...(props.afterBundling?.(inputDir, outputDir) ?? []),
          ],
        },
      },
    });

    this.functionLogGroup = logGroup;
    this.executionRole = role;

    const pinnedRuntime =
      'The runtime is pinned to nodejs22.x so upgrades are deliberate; the same code must also run on the Node 20 used locally.';
    Validations.of(this).acknowledge(
      { id: 'AwsSolutions-L1', reason: pinnedRuntime },
      { id: 'Serverless-LambdaLatestVersion', reason: pinnedRuntime },
      {
        id: 'Serverless-LambdaTracing',
        reason:
          'The functions write structured Powertools logs and are not instrumented for X-Ray, so active tracing would only add cost.',
      },
    );
  }
}

export type { PipelineFunctionProps };
export { PipelineFunction };
