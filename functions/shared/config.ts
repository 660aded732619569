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

/** The day of a quarter's last month submissions are due (`DEADLINE_DAY`, default 15). */
const deadlineDayOf = (
  env: Readonly<Record<string, string | undefined>>,
): number => {
  const day = Number(env.DEADLINE_DAY ?? 15);
  if (!Number.isInteger(day) || day < 1 || day > 28) {
    throw new ConfigError('DEADLINE_DAY must be a day from 1 to 28');
  }
  return day;
};

export { deadlineDayOf, requireVar };
