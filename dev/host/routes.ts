// HTTP route templates as the Functions host understands them: literals, `{name}`, `{name:alpha}`,
// optional `{id?}` and catch-all `{*rest}`; literals match case-insensitively.

type Segment =
  | { kind: 'literal'; text: string }
  | { kind: 'param'; name: string; optional: boolean; catchAll: boolean; constraint: string | undefined };

export interface CompiledRoute {
  template: string;
  segments: Segment[];
  /** Higher is more specific: literal segments first, then constrained parameters. */
  specificity: number;
}

const CONSTRAINTS: Record<string, RegExp> = {
  alpha: /^[a-z]+$/i,
  int: /^-?\d+$/,
  long: /^-?\d+$/,
  bool: /^(true|false)$/i,
  guid: /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i,
  double: /^-?\d+(\.\d+)?$/,
  decimal: /^-?\d+(\.\d+)?$/,
  float: /^-?\d+(\.\d+)?$/,
};

export function compileRoute(template: string): CompiledRoute {
  const parts = template
    .replace(/^\/+|\/+$/g, '')
    .split('/')
    .filter((p) => p !== '');
  const segments: Segment[] = parts.map((part) => {
    const m = /^\{(\*?)([A-Za-z_][\w]*)(?::([^}?=]+))?(\?)?\}$/.exec(part);
    if (!m) {
      if (/[{}]/.test(part)) throw new Error(`Unsupported route segment "${part}" in route "${template}"`);
      return { kind: 'literal', text: part.toLowerCase() };
    }
    return {
      kind: 'param',
      name: m[2]!,
      catchAll: m[1] === '*',
      constraint: m[3]?.toLowerCase(),
      optional: m[4] === '?',
    };
  });
  let specificity = 0;
  for (const s of segments) specificity = specificity * 4 + (s.kind === 'literal' ? 3 : s.constraint ? 2 : 1);
  return { template, segments, specificity };
}

function satisfies(constraint: string | undefined, value: string): boolean {
  if (!constraint) return true;
  const [name, arg] = /^(\w+)(?:\((.*)\))?$/.exec(constraint)?.slice(1) ?? [];
  if (name === 'minlength') return value.length >= Number(arg);
  if (name === 'maxlength') return value.length <= Number(arg);
  if (name === 'regex' && arg) return new RegExp(arg).test(value);
  const re = name ? CONSTRAINTS[name] : undefined;
  return re ? re.test(value) : true;
}

/** Matches a path below the route prefix (no leading slash needed); returns the decoded params or undefined. */
export function matchRoute(route: CompiledRoute, path: string): Record<string, string> | undefined {
  const parts = path
    .replace(/^\/+|\/+$/g, '')
    .split('/')
    .filter((p) => p !== '');
  const params: Record<string, string> = {};
  let i = 0;
  for (const seg of route.segments) {
    if (seg.kind === 'param' && seg.catchAll) {
      const rest = parts.slice(i).map(safeDecode);
      if (rest.includes(undefined) || (rest.length === 0 && !seg.optional)) return undefined;
      if (rest.length) params[seg.name] = rest.join('/');
      i = parts.length;
      continue;
    }
    const part = parts[i];
    if (part === undefined) {
      if (seg.kind === 'param' && seg.optional) continue;
      return undefined;
    }
    const value = safeDecode(part);
    if (value === undefined) return undefined;
    if (seg.kind === 'literal') {
      if (value.toLowerCase() !== seg.text) return undefined;
    } else {
      if (!satisfies(seg.constraint, value)) return undefined;
      params[seg.name] = value;
    }
    i++;
  }
  return i === parts.length ? params : undefined;
}

function safeDecode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}
