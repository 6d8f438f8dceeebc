import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The fields of the three robots' message bodies that the receiver checks. */
export interface RobotBody {
  msgtype?: string;
  msg_type?: string;
  markdown?: { title?: string; text?: string; content?: string };
  content?: { text?: string };
  timestamp?: string;
  sign?: string;
}

/** A request a robot received, with the receiver's verdict on its format and signature. */
export interface Received {
  platform: 'dingtalk' | 'feishu' | 'wecom';
  path: string;
  query: URLSearchParams;
  body: RobotBody;
  problem: string | null;
}

type Behaviour = { failFirst: number } | 'always-fail';

/**
 * Stand-ins for the DingTalk, Feishu and WeCom group robots on 127.0.0.1 port 0. Each checks the
 * platform's message format and, with a secret, its signature the way the platform documents it,
 * and answers like the platform (HTTP 200 with an error code in the body).
 */
export class RobotReceiver {
  readonly received: Received[] = [];
  private server: Server | null = null;
  private url = '';
  private behaviours = new Map<string, Behaviour>();
  private calls = new Map<string, number>();
  private secrets = new Map<string, string>();

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => {
        raw += chunk;
      });
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const [, platform = '', name = ''] = url.pathname.split('/');
        const key = `${platform}/${name}`;
        const n = (this.calls.get(key) ?? 0) + 1;
        this.calls.set(key, n);
        let body: RobotBody | null = null;
        try {
          body = JSON.parse(raw) as RobotBody;
        } catch {
          // left null: reported as a format problem
        }
        const problem = this.check(
          platform as Received['platform'],
          url.searchParams,
          body,
          this.secrets.get(key) ?? '',
        );
        this.received.push({
          platform: platform as Received['platform'],
          path: url.pathname,
          query: url.searchParams,
          body: body ?? {},
          problem,
        });
        const behaviour = this.behaviours.get(key);
        const failing = behaviour === 'always-fail' || (behaviour !== undefined && n <= behaviour.failFirst);
        if (failing) {
          res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"robot down"}');
          return;
        }
        const ok = problem === null;
        const reply =
          platform === 'feishu'
            ? { code: ok ? 0 : 19021, msg: ok ? 'success' : problem }
            : { errcode: ok ? 0 : 310000, errmsg: ok ? 'ok' : problem };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Address of one robot: `/<platform>/<name>`, optionally with a secret and a misbehaviour. */
  robot(
    platform: Received['platform'],
    name: string,
    options: { secret?: string; behaviour?: Behaviour; query?: string } = {},
  ): string {
    const key = `${platform}/${name}`;
    if (options.secret) this.secrets.set(key, options.secret);
    if (options.behaviour) this.behaviours.set(key, options.behaviour);
    return `${this.url}/${key}${options.query ?? ''}`;
  }

  callsTo(platform: string, name: string): number {
    return this.calls.get(`${platform}/${name}`) ?? 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private check(
    platform: Received['platform'],
    query: URLSearchParams,
    body: RobotBody | null,
    secret: string,
  ): string | null {
    if (body === null || typeof body !== 'object') return 'body is not JSON';
    if (platform === 'dingtalk') {
      if (
        body.msgtype !== 'markdown' ||
        typeof body.markdown?.title !== 'string' ||
        typeof body.markdown?.text !== 'string'
      ) {
        return 'dingtalk: expected {msgtype:"markdown", markdown:{title,text}}';
      }
      if (!secret) return null;
      const timestamp = query.get('timestamp');
      const sign = query.get('sign');
      if (!timestamp || !sign) return 'dingtalk: timestamp and sign query parameters missing';
      const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
      return sign === expected ? null : 'dingtalk: sign does not match';
    }
    if (platform === 'feishu') {
      if (body.msg_type !== 'text' || typeof body.content?.text !== 'string')
        return 'feishu: expected {msg_type:"text", content:{text}}';
      if (!secret) return null;
      if (typeof body.timestamp !== 'string' || typeof body.sign !== 'string')
        return 'feishu: timestamp and sign missing';
      const expected = createHmac('sha256', `${body.timestamp}\n${secret}`).update('').digest('base64');
      return body.sign === expected ? null : 'feishu: sign does not match';
    }
    if (platform === 'wecom') {
      return body.msgtype === 'markdown' && typeof body.markdown?.content === 'string'
        ? null
        : 'wecom: expected {msgtype:"markdown", markdown:{content}}';
    }
    return `unknown robot ${platform}`;
  }
}
