import { describe, expect, it } from 'vitest';
import {
  type AccessToken,
  expiryFrom,
  hashToken,
  tokenState,
  tokensMatching,
} from '../../../functions/shared/accessTokens.js';

const NOW = new Date('2026-03-01T08:00:00.000Z');

const token = (more: Partial<AccessToken> = {}): AccessToken => ({
  hash: hashToken('secret'),
  unitCode: 'VIETTEL',
  label: 'Viettel Thanh Hóa',
  createdAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2027-01-01T00:00:00.000Z',
  ...more,
});

describe('agency tokens', () => {
  it('hashes a token with SHA-256', () => {
    expect(hashToken('secret')).toBe(
      '2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b',
    );
  });

  it.each([
    [undefined, '2027-03-01T08:00:00.000Z'],
    ['90d', '2026-05-30T08:00:00.000Z'],
    ['2y', '2028-02-29T08:00:00.000Z'],
    ['2026-12-31', '2026-12-31T23:59:59.999Z'],
  ])('expires --expires %s at %s', (value, expected) => {
    expect(expiryFrom(value, NOW)).toBe(expected);
  });

  it.each([['0d'], ['2026-02-28'], ['soon'], ['12'], ['2026-13-45']])(
    'refuses --expires %s',
    (value) => {
      expect(expiryFrom(value, NOW)).toBeUndefined();
    },
  );

  it.each([
    [token(), 'valid'],
    [token({ expiresAt: '2026-03-01T08:00:00.000Z' }), 'expired'],
    [token({ expiresAt: 'not a date' }), 'expired'],
    [token({ revokedAt: '2026-02-01T00:00:00.000Z' }), 'revoked'],
    [
      token({
        expiresAt: '2026-01-02T00:00:00.000Z',
        revokedAt: '2026-01-01T12:00:00.000Z',
      }),
      'revoked',
    ],
  ])('is %j → %s at the instant', (t, state) => {
    expect(tokenState(t, NOW)).toBe(state);
  });

  it('revokes by exact label or by a hash prefix of at least 8 hex characters', () => {
    const a = token();
    const b = token({ hash: hashToken('other'), label: 'VNPT' });

    expect(tokensMatching([a, b], 'Viettel Thanh Hóa')).toEqual([a]);
    expect(tokensMatching([a, b], a.hash.slice(0, 8).toUpperCase())).toEqual([
      a,
    ]);
    expect(tokensMatching([a, b], a.hash.slice(0, 7))).toEqual([]);
    expect(tokensMatching([a, b], 'Viettel')).toEqual([]);
  });
});
