/** Outbound HTTP to Git hosts. Forge's fetch and Node's fetch both fit this shape. */
export type HttpFetch = (url: string, init?: HttpRequestInit) => Promise<HttpResponse>;

interface HttpRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

interface HttpResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
  json(): Promise<unknown>;
}
