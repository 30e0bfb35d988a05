/**
 * The benchmark's HTTP client: node:http over keep-alive connections to one loopback server,
 * with a deadline on every request. (node:http rather than fetch: the client shares the machine
 * with the server under test, so it should cost as little CPU as possible.)
 */
import { Agent, request } from 'node:http';

/** A complete answer. */
export interface Answer {
  readonly status: number;
  readonly body: Buffer;
}

/** Options of one request. */
export interface RequestOptions {
  readonly headers?: Record<string, string>;
  /** JSON-encoded when not a string or Buffer. */
  readonly body?: unknown;
  /** Deadline for the whole exchange, headers to last byte (default 60 s). */
  readonly timeoutMs?: number;
}

/** Keep-alive client for `http://127.0.0.1:<port>`. */
export class LapiClient {
  readonly baseUrl: string;
  readonly #host: string;
  readonly #port: number;
  readonly #agent: Agent;

  /** `maxSockets` bounds the connections (and so the requests in flight). */
  constructor(host: string, port: number, maxSockets: number) {
    this.#host = host;
    this.#port = port;
    this.baseUrl = `http://${host}:${port}`;
    this.#agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  /** Sends one request and reads the whole body. Rejects on network errors and on the deadline. */
  send(method: string, path: string, options: RequestOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    let payload: Buffer | undefined;
    if (options.body !== undefined) {
      const b = options.body;
      payload = Buffer.isBuffer(b) ? b : Buffer.from(typeof b === 'string' ? b : JSON.stringify(b));
      headers['content-type'] ??= 'application/json';
      headers['content-length'] = String(payload.length);
    }
    const timeoutMs = options.timeoutMs ?? 60_000;
    return new Promise((resolve, reject) => {
      const req = request(
        { host: this.#host, port: this.#port, method, path, headers, agent: this.#agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            clearTimeout(timer);
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) });
          });
          res.on('error', fail);
        },
      );
      const timer = setTimeout(() => {
        req.destroy(new Error(`${method} ${path}: no complete answer within ${timeoutMs} ms`));
      }, timeoutMs);
      function fail(err: Error): void {
        clearTimeout(timer);
        reject(err);
      }
      req.on('error', fail);
      req.end(payload);
    });
  }

  /** Like send, but the status must be `expected`; the error quotes the start of the body. */
  async expect(
    expected: number,
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<Buffer> {
    const answer = await this.send(method, path, options);
    if (answer.status !== expected) {
      throw new Error(
        `${method} ${path}: status ${answer.status}, expected ${expected}: ${answer.body.subarray(0, 300).toString()}`,
      );
    }
    return answer.body;
  }

  /** Closes the idle connections. */
  close(): void {
    this.#agent.destroy();
  }
}
