/**
 * The body of a request the app's Forge SDKs sent through `__forge_fetch__`: they send JSON as a string, or no
 * body at all (`empty` stands in for it). Any other kind of body is one the local platform does not model.
 */
export function requestText(init: RequestInit | undefined, empty: string): string {
  const body = init?.body;
  if (body === undefined || body === null) return empty;
  if (typeof body !== 'string') throw new Error(`The local Forge platform models string request bodies only, not ${Object.prototype.toString.call(body)}`);
  return body;
}
