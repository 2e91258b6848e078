// Removes secrets from anything about to be logged or returned: known secret values, key-ish query
// parameters and headers, connection-string keys, and whole webhook URLs.

const MASK = '[redacted]';

const PATTERNS: RegExp[] = [
  // key=value pairs in connection strings and query strings
  /((?:AccountKey|SharedAccessKey|accesskey|Password|pwd|sig|code|token|apikey|api_key|key|secret)=)[^;&\s"']+/gi,
  // secret-bearing headers as they appear in dumps
  /((?:x-api-key|x-ops-key|x-functions-key|authorization|api-key|ocp-apim-subscription-key)["']?\s*[:=]\s*["']?)(?:Bearer\s+)?[^"',\s}]+/gi,
  // Power Automate / Logic Apps webhook URLs carry their signature in the URL; hide the whole query
  /(https:\/\/[^\s"']*(?:logic\.azure\.com|powerautomate|environment\.api\.powerplatform\.com)[^\s"'?]*)\?[^\s"']*/gi,
  // credentials embedded in URLs: scheme://user:pass@host
  /(\b[a-z][a-z0-9+.-]*:\/\/[^:/\s@]+:)[^@/\s]+(@)/gi,
];

function redactString(text: string, known: readonly string[]): string {
  let out = text;
  for (const secret of known) out = out.split(secret).join(MASK);
  out = out.replace(PATTERNS[0]!, `$1${MASK}`);
  out = out.replace(PATTERNS[1]!, `$1${MASK}`);
  out = out.replace(PATTERNS[2]!, `$1?${MASK}`);
  out = out.replace(PATTERNS[3]!, `$1${MASK}$2`);
  return out;
}

const SECRET_KEY = /(pass(word)?|secret|token|apikey|api_key|key|webhook|connection(string)?|authorization|sig)$/i;

/** Returns a copy of `value` safe to log. Errors become `{name, message}` (never their request/response objects). */
export function redact(value: unknown, known: readonly string[] = [], depth = 0): unknown {
  if (typeof value === 'string') return redactString(value, known);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 4) return '[…]';
  if (value instanceof Error) return `${value.name}: ${redactString(value.message, known)}`;
  if (Array.isArray(value)) return value.map((v) => redact(v, known, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = SECRET_KEY.test(k) && v !== undefined && v !== null && v !== '' ? MASK : redact(v, known, depth + 1);
  }
  return out;
}
