import { ConfigError } from './errors.js';

/** Reads a required variable from an environment, naming it when it is missing. */
const requireVar = (
  env: Readonly<Record<string, string | undefined>>,
  name: string,
): string => {
  const value = env[name];
  if (value === undefined || value === '') {
    throw new ConfigError(`Missing environment variable ${name}`);
  }
  return value;
};

export { requireVar };
