import type { Writable } from 'node:stream';
import {
  type AccessToken,
  expiryFrom,
  hashToken,
  MIN_REVOKE_PREFIX,
  newToken,
  tokenPrefix,
  tokenState,
  tokensMatching,
} from '../../functions/shared/accessTokens.js';
import { withBackend } from '../backend.js';

interface Io {
  readonly out: Writable;
  readonly err: Writable;
}

/** Options of `opendata token create`. */
export interface TokenCreateOptions {
  readonly unit: string;
  readonly label: string;
  /** `365d`, `2y` or a date `YYYY-MM-DD`. @default one year */
  readonly expires?: string;
  /** Comma-separated dataset ids. @default every submission dataset */
  readonly datasets?: string;
  /** `steward`: may also approve and reopen quarters. */
  readonly role?: string;
  readonly dataDir: string;
}

/** A new agency token: 32 random bytes, URL-safe. */

/** `opendata token create`: a new agency token; only its hash is stored. */
const runTokenCreate = async (
  options: TokenCreateOptions,
  io: Io,
): Promise<number> => {
  const now = new Date();
  const expiresAt = expiryFrom(options.expires, now);
  if (!expiresAt) {
    io.err.write(
      `--expires "${options.expires}": cần số ngày (90d), số năm (2y) hoặc một ngày YYYY-MM-DD trong tương lai / expected days (90d), years (2y) or a future date YYYY-MM-DD\n`,
    );
    return 2;
  }
  const datasets = (options.datasets ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  return withBackend(options.dataDir, async (backend) => {
    const unknown = datasets.filter(
      (id) =>
        backend.catalogue.schemas.get(id)?.['x-dataset'].kind !== 'submission',
    );
    if (unknown.length > 0) {
      io.err.write(
        `Không có bộ dữ liệu nộp nào tên ${unknown.join(', ')} / no submission dataset named ${unknown.join(', ')}\n`,
      );
      return 2;
    }
    const token = newToken();
    await backend.table.putToken({
      hash: hashToken(token),
      unitCode: options.unit,
      label: options.label,
      createdAt: now.toISOString(),
      expiresAt,
      ...(datasets.length > 0 && { datasets: [...new Set(datasets)].sort() }),
      ...(options.role && { role: options.role }),
    });
    io.out.write(`${token}\n`);
    io.err.write(
      `Mã truy cập cho ${options.unit} (${options.label}), hết hạn ${expiresAt}${datasets.length > 0 ? `, chỉ cho ${datasets.join(', ')}` : ''} — chỉ hiển thị một lần, hãy gửi cho đơn vị qua kênh an toàn / token for ${options.unit}, expires ${expiresAt}, shown once: send it over a safe channel\n`,
    );
    return 0;
  });
};

const row = (token: AccessToken, now: Date): string[] => [
  tokenPrefix(token),
  token.unitCode,
  token.label,
  token.createdAt.slice(0, 10),
  token.expiresAt.slice(0, 10),
  token.datasets?.join(',') ?? '*',
  tokenState(token, now),
];

/** `opendata token list`: every token, its holder, scope and state; never the token. */
const runTokenList = async (
  options: { readonly dataDir: string; readonly format: string },
  io: Io,
): Promise<number> =>
  withBackend(options.dataDir, async (backend) => {
    const now = new Date();
    const tokens = (await backend.table.listTokens()).sort(
      (a, b) =>
        a.unitCode.localeCompare(b.unitCode) ||
        a.createdAt.localeCompare(b.createdAt),
    );
    if (options.format === 'json') {
      io.out.write(
        `${JSON.stringify(
          tokens.map((token) => ({
            prefix: tokenPrefix(token),
            unit: token.unitCode,
            label: token.label,
            createdAt: token.createdAt,
            expiresAt: token.expiresAt,
            datasets: token.datasets ?? null,
            ...(token.revokedAt && { revokedAt: token.revokedAt }),
            state: tokenState(token, now),
          })),
          null,
          2,
        )}\n`,
      );
      return 0;
    }
    const rows = [
      ['prefix', 'unit', 'label', 'created', 'expires', 'datasets', 'state'],
      ...tokens.map((token) => row(token, now)),
    ];
    const widths = rows[0]?.map((_, i) =>
      Math.max(...rows.map((r) => (r[i] ?? '').length)),
    );
    for (const r of rows) {
      io.out.write(
        `${r
          .map((cell, i) => cell.padEnd(widths?.[i] ?? 0))
          .join('  ')
          .trimEnd()}\n`,
      );
    }
    return 0;
  });

/**
 * `opendata token revoke <label|prefix>`: revokes every token with that
 * label, or whose hash starts with that prefix (at least 8 hex characters,
 * as `token list` prints them). The next call with it is a 401.
 */
const runTokenRevoke = async (
  target: string,
  options: { readonly dataDir: string },
  io: Io,
): Promise<number> =>
  withBackend(options.dataDir, async (backend) => {
    const now = new Date();
    const matches = tokensMatching(await backend.table.listTokens(), target);
    if (matches.length === 0) {
      io.err.write(
        `Không có mã truy cập nào có nhãn hoặc tiền tố "${target}" (tiền tố: ít nhất ${MIN_REVOKE_PREFIX} ký tự hex) / no token has the label or prefix "${target}" (a prefix has at least ${MIN_REVOKE_PREFIX} hex characters)\n`,
      );
      return 1;
    }
    for (const token of matches) {
      const already = token.revokedAt !== undefined;
      if (!already) {
        await backend.table.revokeToken(token.hash, now.toISOString());
      }
      io.out.write(
        `${already ? 'đã thu hồi trước đó / already revoked' : 'đã thu hồi / revoked'}: ${tokenPrefix(token)} ${token.unitCode} ${token.label}\n`,
      );
    }
    return 0;
  });

export { newToken, runTokenCreate, runTokenList, runTokenRevoke };
