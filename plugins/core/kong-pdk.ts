/**
 * The part of Kong's PDK the suite calls, typed as it really arrives over the
 * plugin-server socket on Kong 3.x (first Lua return value only, Buffers for raw
 * bodies, header multimaps as arrays). kong-pdk's own .d.ts declares tuples that
 * never arrive, so the suite types against this instead.
 */
export type HeaderMap = Record<string, string[]>;

export interface KongEntity {
  id: string;
  name?: string;
  [key: string]: unknown;
}

export interface KongConsumer extends KongEntity {
  username?: string;
  custom_id?: string;
}

export interface KongPDK {
  request: {
    getRawBody(maxFileSize?: number): Promise<Buffer | undefined>;
    getHeader(name: string): Promise<string | undefined>;
    getHeaders(max?: number): Promise<HeaderMap>;
    getPath(): Promise<string>;
    getMethod(): Promise<string>;
    getQuery(max?: number): Promise<Record<string, string[] | string | boolean>>;
    /** When Kong began the request, in epoch ms. */
    getStartTime(): Promise<number>;
  };
  client: {
    getIp(): Promise<string>;
    getConsumer(): Promise<KongConsumer | undefined>;
    getCredential(): Promise<KongEntity | undefined>;
  };
  router: {
    getRoute(): Promise<KongEntity | undefined>;
    getService(): Promise<KongEntity | undefined>;
  };
  service: {
    setTarget(host: string, port: number): Promise<void>;
    request: {
      setHeader(name: string, value: string): Promise<void>;
      clearHeader(name: string): Promise<void>;
      setRawBody(body: string | Buffer): Promise<void>;
      setPath(path: string): Promise<void>;
      setScheme(scheme: string): Promise<void>;
    };
  };
  response: {
    /** Fire-and-forget: Kong never replies. Return straight after it. */
    exit(status: number, body?: string | Buffer, headers?: Record<string, string | string[]>): Promise<void>;
    setHeader(name: string, value: string): Promise<void>;
    addHeader(name: string, value: string): Promise<void>;
    getStatus(): Promise<number>;
    getHeader(name: string): Promise<string | undefined>;
  };
  ctx: {
    shared: {
      get(key: string): Promise<unknown>;
      set(key: string, value: unknown): Promise<void>;
    };
  };
  log: {
    err(...args: string[]): Promise<void>;
    warn(...args: string[]): Promise<void>;
    notice(...args: string[]): Promise<void>;
    info(...args: string[]): Promise<void>;
    debug(...args: string[]): Promise<void>;
    serialize(): Promise<string>;
    setSerializeValue(key: string, value: unknown): Promise<void>;
  };
  nginx: {
    reqStartTime(): Promise<number>;
    getVar(name: string): Promise<string | undefined>;
  };
  plugin: {
    getId(): Promise<string>;
  };
  node: {
    getId(): Promise<string>;
  };
}
