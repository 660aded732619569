import { ConfigError } from './errors.js';
import { DEFAULT_DEADLINE_DAY } from './ledger/submissionLedger.js';
import { ENV } from './resources.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Reads a required variable from an environment, naming it when it is missing. */
const requireVar = (env: Env, name: string): string => {
  const value = env[name];
  if (value === undefined || value === '') {
    throw new ConfigError(`Missing environment variable ${name}`);
  }
  return value;
};

/** Reads a whole-number variable within bounds, or its default; names it when it is out of range. */
const integerVar = (
  env: Env,
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

/** Reads an optional variable; empty counts as unset. */
const optionalVar = (env: Env, name: string): string | undefined =>
  env[name] || undefined;

/** The day of a quarter's last month submissions are due (`DEADLINE_DAY`, default 15). */
const deadlineDayOf = (env: Env) =>
  integerVar(env, ENV.deadlineDay, DEFAULT_DEADLINE_DAY, [1, 28]);

export { deadlineDayOf, integerVar, optionalVar, requireVar };
