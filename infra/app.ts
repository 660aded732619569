import { App } from 'aws-cdk-lib';
import { pipelineSettingsFromContext } from './pipelineContext.js';
import { PipelineStack } from './stacks/PipelineStack.js';

const app = new App();
const { region, ...settings } = pipelineSettingsFromContext(app.node);

new PipelineStack(app, `ThanhHoaOpenData-${settings.stage}`, {
  ...settings,
  env: {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: region ?? process.env.CDK_DEFAULT_REGION ?? 'ap-southeast-1',
  },
  description: `Thanh Hoa open-data pipeline (${settings.stage})`,
});
