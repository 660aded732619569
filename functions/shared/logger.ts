import { Logger } from '@aws-lambda-powertools/logger';
import { METRICS } from './resources.js';

/** Structured logger shared by the functions; never log row contents. */
const logger = new Logger({ serviceName: METRICS.service });

export { logger };
