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

/** Reads a whole-number variable within bounds, or its default; names it when it is out of range. */
const integerVar = (
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  [min, max]: readonly [number, number],
): number => {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(
      `${name} must be a whole number from ${min} to ${max}`,
    );
  }
  return value;
};

/** The day of a quarter's last month submissions are due (`DEADLINE_DAY`, default 15). */
const deadlineDayOf = (env: Readonly<Record<string, string | undefined>>) =>
  integerVar(env, 'DEADLINE_DAY', 15, [1, 28]);

export { deadlineDayOf, integerVar, requireVar };
