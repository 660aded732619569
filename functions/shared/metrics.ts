import { Metrics } from '@aws-lambda-powertools/metrics';
import { METRICS } from './resources.js';

/** CloudWatch metrics (Embedded Metric Format) of the pipeline; alarms watch this namespace. */
const metrics = new Metrics({
  namespace: METRICS.namespace,
  serviceName: METRICS.service,
});

export { metrics };
