/** A webtrigger request as Forge delivers it: header names map to arrays, and `body` is the raw string. */
export interface WebtriggerRequest {
  method: string;
  path: string;
  headers: Record<string, string[] | undefined>;
  queryParameters: Record<string, string[] | undefined>;
  body: string;
}

export interface WebtriggerResponse {
  statusCode: number;
  headers: Record<string, string[]>;
  body: string;
}

/** Every webtrigger answers a short JSON `{ ok, message }`; nothing from the request is echoed back. */
export function jsonResponse(statusCode: number, ok: boolean, message: string): WebtriggerResponse {
  return {
    statusCode,
    headers: { 'Content-Type': ['application/json'] },
    body: JSON.stringify({ ok, message }),
  };
}

/** Header lookup that ignores case, as HTTP does. */
export function headerValue(request: WebtriggerRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, values] of Object.entries(request.headers)) {
    if (key.toLowerCase() === wanted) return values?.[0];
  }
  return undefined;
}
