import type { Logger } from '../ports/ports';

const SECRET_FIELD = /secret|token|password|authorization|signature|credential/i;

/** Drops the value of any field whose name suggests a secret, at any depth, before it reaches a log. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = SECRET_FIELD.test(key) ? '[redacted]' : redact(inner, depth + 1);
  }
  return out;
}

/** One JSON line per entry: Forge's log viewer and the sandbox console both read it. */
export function createConsoleLogger(sink: Pick<Console, 'log' | 'warn' | 'error'> = console): Logger {
  const write = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => {
    const line = JSON.stringify({ level, message, ...(fields ? (redact(fields) as object) : {}) });
    if (level === 'error') sink.error(line);
    else if (level === 'warn') sink.warn(line);
    else sink.log(line);
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}
