import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Id } from '../../../plugin/domain/types.ts';

/** What a kickoff QR token lets a phone do: edit KRs and links of one board, nothing else. */
export type QrScope = 'kr:edit' | 'link:edit';
export const QR_SCOPES: readonly QrScope[] = ['kr:edit', 'link:edit'];

/** The signed content of a kickoff QR token. */
export interface QrTokenClaims {
  /** Format version. */
  v: 1;
  /** The board (cycle id) the token is bound to. */
  board: Id;
  /** The person the phone acts as. */
  sub: Id;
  /** Who minted the token (strategy, manager or hr). */
  by: Id;
  scope: QrScope[];
  /** Issued at, epoch seconds. */
  iat: number;
  /** Expires at, epoch seconds. */
  exp: number;
  /** Token id, for the audit trail. */
  jti: string;
}

export type QrVerifyFailure = 'malformed' | 'bad-signature' | 'expired' | 'wrong-board' | 'wrong-scope';

export class QrTokenError extends Error {
  constructor(
    readonly reason: QrVerifyFailure,
    message: string,
  ) {
    super(message);
    this.name = 'QrTokenError';
  }
}

const PREFIX = 'okrqr1';

function sign(secret: string | Buffer, body: string): string {
  return createHmac('sha256', secret).update(`${PREFIX}.${body}`).digest('base64url');
}

/** Mints a kickoff QR token: `okrqr1.<claims base64url>.<HMAC-SHA256 base64url>`. */
export function mintQrToken(
  secret: string | Buffer,
  input: { board: Id; sub: Id; by: Id; ttlSeconds: number; now?: number },
): { token: string; claims: QrTokenClaims } {
  if (!(input.ttlSeconds > 0)) throw new RangeError('qr-token: ttlSeconds must be > 0');
  const iat = Math.floor((input.now ?? Date.now()) / 1000);
  const claims: QrTokenClaims = {
    v: 1,
    board: input.board,
    sub: input.sub,
    by: input.by,
    scope: [...QR_SCOPES],
    iat,
    exp: iat + Math.floor(input.ttlSeconds),
    jti: randomBytes(9).toString('base64url'),
  };
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return { token: `${PREFIX}.${body}.${sign(secret, body)}`, claims };
}

function isClaims(x: unknown): x is QrTokenClaims {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Record<string, unknown>;
  return (
    c.v === 1 &&
    typeof c.board === 'string' &&
    typeof c.sub === 'string' &&
    typeof c.by === 'string' &&
    Array.isArray(c.scope) &&
    c.scope.every((s) => QR_SCOPES.includes(s as QrScope)) &&
    typeof c.iat === 'number' &&
    typeof c.exp === 'number' &&
    typeof c.jti === 'string'
  );
}

/**
 * Checks signature, expiry and board of a kickoff QR token and returns its claims.
 * Throws `QrTokenError` with the reason otherwise.
 */
export function verifyQrToken(
  secret: string | Buffer,
  token: string,
  expect: { board: Id; now?: number },
): QrTokenClaims {
  const parts = token.split('.');
  const [prefix, body, mac] = parts;
  if (parts.length !== 3 || prefix !== PREFIX || !body || !mac) {
    throw new QrTokenError(
      'malformed',
      'qr-token: not a kickoff QR token; scan the code shown on the board again',
    );
  }
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new QrTokenError('bad-signature', 'qr-token: signature does not match; ask for a new QR code');
  }
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw new QrTokenError('malformed', 'qr-token: unreadable claims; ask for a new QR code');
  }
  if (!isClaims(claims))
    throw new QrTokenError('malformed', 'qr-token: unexpected claims; ask for a new QR code');
  const nowSec = (expect.now ?? Date.now()) / 1000;
  if (nowSec >= claims.exp) {
    throw new QrTokenError(
      'expired',
      'qr-token: the QR code has expired; ask the organiser to show a new one',
    );
  }
  if (claims.board !== expect.board) {
    throw new QrTokenError(
      'wrong-board',
      'qr-token: this QR code belongs to another board; scan the code of this board',
    );
  }
  return claims;
}
