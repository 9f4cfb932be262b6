/** Escapes text for HTML element content and double-quoted attributes. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Tagged template whose interpolations are escaped unless wrapped in `raw`. */
export function html(strings: TemplateStringsArray, ...values: Array<string | number | Raw | Raw[]>): Raw {
  let out = '';
  strings.forEach((part, index) => {
    out += part;
    if (index < values.length) out += render(values[index] as string | number | Raw | Raw[]);
  });
  return new Raw(out);
}

function render(value: string | number | Raw | Raw[]): string {
  if (Array.isArray(value)) return value.map((item) => item.text).join('');
  if (value instanceof Raw) return value.text;
  return escapeHtml(String(value));
}

export class Raw {
  constructor(readonly text: string) {}
}

export function raw(text: string): Raw {
  return new Raw(text);
}
