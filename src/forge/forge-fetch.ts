import { fetch } from '@forge/api';
import type { HttpFetch } from '../ports/http';

/** Forge's egress-controlled fetch: hosts must be declared under permissions.external.fetch.backend. */
export const forgeFetch: HttpFetch = async (url, init) => {
  const response = await fetch(url, { method: init?.method, headers: init?.headers, body: init?.body });
  return {
    ok: response.ok,
    status: response.status,
    headers: { get: (name: string) => response.headers.get(name) },
    text: () => response.text(),
    json: () => response.json(),
  };
};
