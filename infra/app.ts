import { App } from 'aws-cdk-lib';
import { PipelineStack } from './stacks/PipelineStack.js';

const app = new App();

const contextString = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new Error(`Context "${key}" must be a string, got ${typeof value}`);
  }
  return value;
};

const stage = contextString('stage') ?? 'dev';
if (!/^[a-z][a-z0-9-]*$/.test(stage)) {
  throw new Error(
    `Context "stage" must be lower-case letters, digits and dashes, got "${stage}"`,
  );
}

new PipelineStack(app, `ThanhHoaOpenData-${stage}`, {
  stage,
  alarmEmail: contextString('alarmEmail'),
  env: {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region:
      contextString('region') ??
      process.env.CDK_DEFAULT_REGION ??
      'ap-southeast-1',
  },
  description: `Thanh Hoa open-data pipeline (${stage})`,
});
