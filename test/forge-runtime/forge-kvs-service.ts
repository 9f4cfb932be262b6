import { requestText } from './request-body';

/**
 * Forge's Key-Value Store, in memory, in the request and response shapes `@forge/kvs` uses
 * (node_modules/@forge/kvs/out/storage-api.js): every call is `POST` with a JSON body, to
 * `/api/v1/secret/{get,set,delete}` for secrets and `/api/v1/{get,set,delete}` for plain values (a separate
 * store: a secret is never readable with `kvs.get`).
 *
 * - get: `{ key, options? }` → 200 `{ key, value, createdAt, updatedAt }`; a missing key → 404 with
 *   `{ code: 'KEY_NOT_FOUND', message }`, which the SDK turns into `undefined`.
 * - set: `{ key, value, options? }` → 204, no body (the SDK reads an empty body as "nothing to return").
 * - delete: `{ key }` → 204; a missing key answers KEY_NOT_FOUND, which the SDK ignores.
 * - Keys are checked as Atlassian's "Error handling for the Key-Value Store" lists: longer than 500
 *   characters → 400 KEY_TOO_LONG; not matching `/^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/` → 400 INVALID_KEY.
 *
 * Other KVS operations (queries, batches, transactions, entities) are not used by the app and answer 501,
 * recorded in `unsupported` so a test notices.
 */
export interface KvsRecord {
  path: string;
  key: string | undefined;
  functionKey: string | undefined;
  status: number;
}

interface Stored {
  value: unknown;
  createdAt: number;
  updatedAt: number;
}

const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/;

function json(status: number, body?: unknown): Response {
  return body === undefined ? new Response(null, { status }) : new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

export class ForgeKvsService {
  readonly secrets = new Map<string, Stored>();
  readonly values = new Map<string, Stored>();
  readonly requests: KvsRecord[] = [];
  readonly unsupported: string[] = [];

  async handle(path: string, init: RequestInit | undefined, caller: { functionKey?: string }): Promise<Response> {
    const body = JSON.parse(requestText(init, '{}')) as { key?: unknown; value?: unknown };
    const key = typeof body.key === 'string' ? body.key : undefined;
    const answer = this.answer(path, key, body);
    this.requests.push({ path, key, functionKey: caller.functionKey, status: answer.status });
    return answer;
  }

  private answer(path: string, key: string | undefined, body: { value?: unknown }): Response {
    const match = /^\/api\/v1\/(secret\/)?(get|set|delete)$/.exec(path);
    if (!match) {
      this.unsupported.push(path);
      return json(501, { code: 'NOT_IMPLEMENTED', message: `The local Forge platform does not implement KVS ${path}` });
    }
    const store = match[1] ? this.secrets : this.values;
    if (key === undefined || key.length === 0) return json(400, { code: 'KEY_TOO_SHORT', message: 'The key must not be empty.' });
    if (key.length > 500) return json(400, { code: 'KEY_TOO_LONG', message: 'The provided key has exceeded the maximum 500 characters.' });
    if (!KEY_PATTERN.test(key)) return json(400, { code: 'INVALID_KEY', message: 'The provided key does not match the regex: /^(?!\\s+$)[a-zA-Z0-9:._\\s-#]+$/' });
    const stored = store.get(key);
    switch (match[2]) {
      case 'get':
        return stored
          ? json(200, { key, value: stored.value, createdAt: new Date(stored.createdAt).toISOString(), updatedAt: new Date(stored.updatedAt).toISOString() })
          : json(404, { code: 'KEY_NOT_FOUND', message: 'Provided key does not exist' });
      case 'set': {
        const now = Date.now();
        store.set(key, { value: body.value, createdAt: stored?.createdAt ?? now, updatedAt: now });
        return json(204);
      }
      default:
        if (!stored) return json(404, { code: 'KEY_NOT_FOUND', message: 'Provided key does not exist' });
        store.delete(key);
        return json(204);
    }
  }
}
