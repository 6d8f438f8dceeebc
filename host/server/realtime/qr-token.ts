import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The signed content of a board invite (the kickoff QR code). It names a board and a deadline, never a
 * person: whoever scans it still signs in as themselves, so a photo of the screen gives nobody access.
 */
export interface BoardInviteClaims {
  /** The board (`cycle:<id>`) the invite is for. */
  board: string;
  /** Expires at, epoch seconds; a session made from the invite ends then too. */
  exp: number;
  /** Random id of this invite: each person may join with it once. */
  nonce: string;
}

export type InviteFailure = 'malformed' | 'bad-signature' | 'expired' | 'wrong-board';

export class InviteError extends Error {
  constructor(
    readonly reason: InviteFailure,
    message: string,
  ) {
    super(message);
    this.name = 'InviteError';
  }
}

const PREFIX = 'okrinv1';

function sign(secret: string | Buffer, body: string): string {
  return createHmac('sha256', secret).update(`${PREFIX}.${body}`).digest('base64url');
}

/** Mints a board invite: `okrinv1.<claims base64url>.<HMAC-SHA256 base64url>`. */
export function mintBoardInvite(
  secret: string | Buffer,
  input: { board: string; ttlSeconds: number; now: number },
): { token: string; claims: BoardInviteClaims } {
  if (!(input.ttlSeconds > 0)) throw new RangeError('board-invite: ttlSeconds must be > 0');
  const claims: BoardInviteClaims = {
    board: input.board,
    exp: Math.floor(input.now / 1000) + Math.floor(input.ttlSeconds),
    nonce: randomBytes(12).toString('base64url'),
  };
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return { token: `${PREFIX}.${body}.${sign(secret, body)}`, claims };
}

function isClaims(x: unknown): x is BoardInviteClaims {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Record<string, unknown>;
  return (
    Object.keys(c).length === 3 &&
    typeof c.board === 'string' &&
    typeof c.exp === 'number' &&
    typeof c.nonce === 'string' &&
    c.nonce.length >= 16
  );
}

/** Checks signature, expiry and board of an invite and returns its claims; throws `InviteError` otherwise. */
export function verifyBoardInvite(
  secret: string | Buffer,
  token: string,
  expect: { board: string; now: number },
): BoardInviteClaims {
  const parts = token.split('.');
  const [prefix, body, mac] = parts;
  if (parts.length !== 3 || prefix !== PREFIX || !body || !mac) {
    throw new InviteError('malformed', 'board-invite: not a board QR code; scan the code shown on the board');
  }
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new InviteError('bad-signature', 'board-invite: signature does not match; scan the code again');
  }
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw new InviteError('malformed', 'board-invite: unreadable content; scan the code again');
  }
  if (!isClaims(claims)) throw new InviteError('malformed', 'board-invite: unexpected content');
  if (expect.now / 1000 >= claims.exp) {
    throw new InviteError(
      'expired',
      'board-invite: the QR code has expired; ask the organiser for a new one',
    );
  }
  if (claims.board !== expect.board) {
    throw new InviteError('wrong-board', 'board-invite: this QR code belongs to another board');
  }
  return claims;
}
