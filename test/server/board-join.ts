/** The kickoff QR flow as a phone and a facilitator's screen do it, over real HTTP. */

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T & { code?: string; message?: string };
  /** `name=value` pairs of the Set-Cookie headers, ready for a Cookie header. */
  cookie: string;
}

async function post<T>(url: string, body: unknown, cookie?: string): Promise<Answer<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: (text ? JSON.parse(text) : {}) as Answer<T>['body'],
    cookie: res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
  };
}

export interface MintedInvite {
  invite: string;
  boardId: string;
  cycleId: string;
  cycleName: string;
  expiresAt: string;
  path: string;
}

/** The facilitator's "show QR code": one invite for the board. */
export function mintInvite(base: string, cookie: string, cycleId: string, body: object = {}) {
  return post<MintedInvite>(`${base}/api/boards/${encodeURIComponent(cycleId)}/invites`, body, cookie);
}

/** A phone that scanned the code joins as the person whose login and password it types. */
export function joinBoard(
  base: string,
  cycleId: string,
  body: { invite?: string; login?: string; password?: string },
) {
  return post<{ boardId: string; personId: string; name: string; expiresAt: string }>(
    `${base}/api/boards/${encodeURIComponent(cycleId)}/join`,
    body,
  );
}
