import type { JsonSchema } from '../../platform/http/openapi.js';

/**
 * Renders a JSON Schema as readable, TypeScript-like text for the API docs page:
 *
 *   {
 *     name: string            // 1–100 chars
 *     active?: boolean        // default: true
 *   }
 */
export function schemaText(schema: JsonSchema | undefined, indent = 0): string {
  if (!schema || Object.keys(schema).length === 0) return 'any';
  return typeExpr(schema, indent);
}

const pad = (n: number) => '  '.repeat(n);

function typeExpr(s: JsonSchema, indent: number): string {
  if (typeof s.$ref === 'string') return s.$ref.split('/').pop() ?? 'any';
  if ('const' in s) return JSON.stringify(s.const);
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  for (const k of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(s[k])) return unique((s[k] as JsonSchema[]).map((x) => typeExpr(x, indent))).join(' | ');
  }
  if (Array.isArray(s.allOf)) return (s.allOf as JsonSchema[]).map((x) => typeExpr(x, indent)).join(' & ');
  if (Array.isArray(s.type)) {
    return unique((s.type as string[]).map((t) => typeExpr({ ...s, type: t }, indent))).join(' | ');
  }
  switch (s.type) {
    case 'object':
      return objectExpr(s, indent);
    case 'array': {
      if (Array.isArray(s.prefixItems)) return `[${(s.prefixItems as JsonSchema[]).map((x) => typeExpr(x, indent)).join(', ')}]`;
      const items = s.items ? typeExpr(s.items as JsonSchema, indent) : 'any';
      return /[\s|&]/.test(items) && !items.startsWith('{') ? `(${items})[]` : `${items}[]`;
    }
    case 'string':
    case 'number':
    case 'integer':
    case 'boolean':
    case 'null':
      return s.type;
    default:
      return 'any';
  }
}

function objectExpr(s: JsonSchema, indent: number): string {
  const props = (s.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((s.required ?? []) as string[]);
  const lines: string[] = [];
  for (const [name, prop] of Object.entries(props)) {
    const key = /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
    const note = constraints(prop);
    lines.push(`${pad(indent + 1)}${key}${required.has(name) ? '' : '?'}: ${typeExpr(prop, indent + 1)}${note ? `  // ${note}` : ''}`);
  }
  const extra = s.additionalProperties;
  if (extra && typeof extra === 'object') {
    lines.push(`${pad(indent + 1)}[key: string]: ${typeExpr(extra as JsonSchema, indent + 1)}`);
  } else if (lines.length === 0) {
    return extra === false ? '{}' : 'object';
  }
  const closed = extra === false ? `${pad(indent + 1)}// no other fields accepted\n` : '';
  return `{\n${lines.join('\n')}\n${closed}${pad(indent)}}`;
}

/** Human notes for one property: lengths, ranges, formats, defaults, description. */
export function constraints(s: JsonSchema): string {
  const notes: string[] = [];
  const range = (min: unknown, max: unknown, unit: string) => {
    if (typeof min === 'number' && typeof max === 'number') notes.push(min === max ? `${min} ${unit}` : `${min}–${max} ${unit}`);
    else if (typeof min === 'number' && min > 0) notes.push(`≥ ${min} ${unit}`);
    else if (typeof max === 'number') notes.push(`≤ ${max} ${unit}`);
  };
  range(s.minLength, s.maxLength, 'chars');
  range(s.minItems, s.maxItems, 'items');
  const safe = (n: unknown) => typeof n === 'number' && Math.abs(n) < Number.MAX_SAFE_INTEGER;
  const min = safe(s.minimum) ? s.minimum : safe(s.exclusiveMinimum) ? `>${s.exclusiveMinimum}` : undefined;
  const max = safe(s.maximum) ? s.maximum : safe(s.exclusiveMaximum) ? `<${s.exclusiveMaximum}` : undefined;
  if (min !== undefined && max !== undefined) notes.push(`${min}…${max}`);
  else if (min !== undefined) notes.push(`min ${min}`);
  else if (max !== undefined) notes.push(`max ${max}`);
  if (typeof s.format === 'string') notes.push(`format: ${s.format}`);
  if (typeof s.pattern === 'string' && s.pattern.length <= 80) notes.push(`pattern: ${s.pattern}`);
  if ('default' in s) notes.push(`default: ${JSON.stringify(s.default)}`);
  if (typeof s.description === 'string') notes.push(s.description);
  return notes.join(', ');
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}
