import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import {
  PipelineStack,
  type PipelineStackProps,
} from '../../infra/stacks/PipelineStack.js';

// The CLI passes cdk.json's context (feature flags) to the app; tests do the same
// so they check the template a real synth produces.
const cdkJson = JSON.parse(
  readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'),
) as { context?: Record<string, unknown> };

/** A pipeline stack in an app that skips bundling, with cdk.json's feature flags. */
const pipelineStack = (
  props: Partial<PipelineStackProps> = {},
): { app: App; stack: PipelineStack } => {
  const app = new App({
    context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] },
  });
  const stack = new PipelineStack(app, 'PipelineTest', {
    stage: 'test',
    env: { account: '123456789012', region: 'ap-southeast-1' },
    ...props,
  });
  return { app, stack };
};

export { pipelineStack };
