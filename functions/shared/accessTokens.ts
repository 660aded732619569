import { createHash, randomBytes } from 'node:crypto';

/** An agency token of the upload API, as stored: its hash, never the token. */
export interface AccessToken {
  /** SHA-256 of the token, hex. */
  readonly hash: string;
  /** The unit the token acts for. */
  readonly unitCode: string;
  /** Who holds it; shown in `opendata token list` and in every log line of its requests. */
  readonly label: string;
  readonly createdAt: string;
  /** After this instant the token is refused. */
  readonly expiresAt: string;
  /** The datasets it may submit and read; absent: every submission dataset. */
  readonly datasets?: readonly string[];
  /** When it was revoked, if it was. */
  readonly revokedAt?: string;
  /** `steward`: may also sign off quarters (`POST /approvals`); a unit's token has none. */
  readonly role?: string;
}

/** Whether a token may be used at an instant. */
export type TokenState = 'valid' | 'expired' | 'revoked';

/** How long a token lives unless `--expires` says otherwise. */
const DEFAULT_TOKEN_LIFETIME_DAYS = 365;

const DAY_MS = 24 * 3600 * 1000;

/** How many hex characters of a hash `opendata token list` shows and `revoke` accepts at least. */
const TOKEN_PREFIX_LENGTH = 12;
const MIN_REVOKE_PREFIX = 8;

/** A fresh agency token: 256 random bits, URL-safe. */
const newToken = (): string => randomBytes(32).toString('base64url');

/** The SHA-256 of an agency token, as stored; tokens are never stored in clear. */
const hashToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

/** A token's state at `now`: revoked first, then expired. */
const tokenState = (token: AccessToken, now: Date): TokenState => {
  if (token.revokedAt !== undefined) return 'revoked';
  const expires = Date.parse(token.expiresAt);
  if (!Number.isFinite(expires) || now.getTime() >= expires) return 'expired';
  return 'valid';
};

/**
 * The expiry of a token created at `now`, from `--expires`: a number of days
 * (`90d`), of years (`2y`), or a date (`2027-06-30`, the end of that day in
 * UTC). Undefined when the value is none of these or not in the future.
 */
const expiryFrom = (
  value: string | undefined,
  now: Date,
): string | undefined => {
  const text = (value ?? `${DEFAULT_TOKEN_LIFETIME_DAYS}d`).trim();
  const span = /^(\d{1,4})([dy])$/.exec(text);
  let at: number;
  if (span) {
    const days = Number(span[1]) * (span[2] === 'y' ? 365 : 1);
    at = now.getTime() + days * DAY_MS;
  } else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    at = Date.parse(`${text}T23:59:59.999Z`);
  } else {
    return undefined;
  }
  if (!Number.isFinite(at) || at <= now.getTime()) return undefined;
  return new Date(at).toISOString();
};

/** The short form of a token's hash that `opendata token list` prints. */
const tokenPrefix = (token: AccessToken): string =>
  token.hash.slice(0, TOKEN_PREFIX_LENGTH);

/**
 * The tokens `opendata token revoke <target>` means: those whose label is
 * exactly `target`, or, when `target` is at least 8 hex characters, those
 * whose hash starts with it.
 */
const tokensMatching = (
  tokens: readonly AccessToken[],
  target: string,
): AccessToken[] => {
  const prefix = target.toLowerCase();
  const byPrefix = new RegExp(`^[0-9a-f]{${MIN_REVOKE_PREFIX},64}$`).test(
    prefix,
  );
  return tokens.filter(
    (token) =>
      token.label === target || (byPrefix && token.hash.startsWith(prefix)),
  );
};

export {
  DEFAULT_TOKEN_LIFETIME_DAYS,
  expiryFrom,
  hashToken,
  MIN_REVOKE_PREFIX,
  newToken,
  tokenPrefix,
  tokenState,
  tokensMatching,
};
