import { Logger } from '@aws-lambda-powertools/logger';

/** Structured logger shared by the functions; never log row contents. */
const logger = new Logger({ serviceName: 'thanhhoa-opendata' });

export { logger };
