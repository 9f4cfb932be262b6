/**
 * Forge hands a web trigger's request to the function as one JSON payload (method, path, headers, query,
 * body), and "web trigger request and response sizes … are subject to the function request and response
 * payload sizes" of Forge's invocation limits: 5 MB ("Payload size", developer.atlassian.com/platform/forge/
 * limits-invocation). A larger delivery never reaches the app on Forge; the sandbox refuses it the same
 * way, and the hourly reconciliation reads the commits of such a push from the Git host.
 */
export const FORGE_INVOCATION_PAYLOAD_BYTES = 5_000_000;
