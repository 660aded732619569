import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { type LocalAws, startLocalAws } from '../../local/localAws.js';

declare module 'vitest' {
  export interface ProvidedContext {
    localAwsEnv: Record<string, string>;
  }
}

let aws: LocalAws | undefined;
let dir: string | undefined;

/** Starts DynamoDB Local and s3rver once for the integration project. */
export const setup = async (project: TestProject) => {
  dir = mkdtempSync(join(tmpdir(), 'opendata-it-'));
  aws = await startLocalAws({ dataDir: dir, inMemory: true });
  project.provide('localAwsEnv', aws.env);
};

/** Stops the servers and removes their state. */
export const teardown = async () => {
  await aws?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
};
