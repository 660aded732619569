import { Metrics } from '@aws-lambda-powertools/metrics';

/** CloudWatch metrics (Embedded Metric Format) of the pipeline; alarms watch this namespace. */
const metrics = new Metrics({
  namespace: 'ThanhHoaOpenData',
  serviceName: 'thanhhoa-opendata',
});

export { metrics };
