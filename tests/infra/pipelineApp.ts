import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { afterAll } from 'vitest';
import { pipelineSettingsFromContext } from '../../infra/pipelineContext.js';
import {
  PipelineStack,
  type PipelineStackProps,
} from '../../infra/stacks/PipelineStack.js';

// The CLI passes cdk.json's context (feature flags) to the app; tests do the same
// so they check the template a real synth produces.
const cdkJson = JSON.parse(
  readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'),
) as { context?: Record<string, unknown> };

const ENV = { account: '123456789012', region: 'ap-southeast-1' };

// Synth output goes under one folder per test file, removed after it, instead
// of a new cdk.out folder in the system's temp folder per app.
const outRoot = mkdtempSync(join(tmpdir(), 'opendata-cdk-'));
afterAll(() => rmSync(outRoot, { recursive: true, force: true }));

/** An app that skips bundling, with cdk.json's context plus the given one. */
const testApp = (context: Record<string, unknown> = {}): App =>
  new App({
    outdir: mkdtempSync(join(outRoot, 'app-')),
    context: {
      ...cdkJson.context,
      ...context,
      'aws:cdk:bundling-stacks': [],
    },
  });

/** A pipeline stack in an app that skips bundling, with cdk.json's feature flags. */
const pipelineStack = (
  props: Partial<PipelineStackProps> = {},
): { app: App; stack: PipelineStack } => {
  const app = testApp();
  const stack = new PipelineStack(app, 'PipelineTest', {
    stage: 'test',
    env: ENV,
    ...props,
  });
  return { app, stack };
};

/** A pipeline stack built the way infra/app.ts builds it, from `-c` context. */
const pipelineStackFromContext = (
  context: Record<string, unknown>,
): { app: App; stack: PipelineStack } => {
  const app = testApp(context);
  const { region: _region, ...settings } = pipelineSettingsFromContext(
    app.node,
  );
  const stack = new PipelineStack(app, 'PipelineTest', {
    ...settings,
    env: ENV,
  });
  return { app, stack };
};

export { pipelineStack, pipelineStackFromContext };
