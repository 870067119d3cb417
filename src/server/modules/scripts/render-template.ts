/**
 * Fills {{variables}} in a canned reply or call script. Pure: the caller supplies the values.
 * A template is plain text with placeholders; nothing in it is ever evaluated — an unknown
 * name is left as written and reported, so `{{constructor}}` or `{{a.b()}}` stays text.
 */

/** The fixed variable set a template may use (documented on the admin page). */
export const TEMPLATE_VARIABLES = [
  'customer.name',
  // 先生 / 女士 from the customer's gender, else 客户
  'customer.salutation',
  'agent.name',
  'ticket.number',
  'ticket.subject',
  // localized status label
  'ticket.status',
  'org.name',
  // YYYY-MM-DD in the organization's time zone
  'today',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Partial<Record<TemplateVariable, string | null>>;

export type RenderResult = {
  text: string;
  /** Names used in the template that are not in TEMPLATE_VARIABLES (left as written). */
  unknown: string[];
  /** Known names with no value here, e.g. ticket fields when no ticket is given (left as written). */
  missing: string[];
};

const PLACEHOLDER = /\{\{\s*([^{}\s][^{}]*?)\s*\}\}/g;
const KNOWN: ReadonlySet<string> = new Set(TEMPLATE_VARIABLES);

export function renderTemplate(template: string, values: TemplateValues): RenderResult {
  const unknown = new Set<string>();
  const missing = new Set<string>();
  const text = template.replace(PLACEHOLDER, (whole, name: string) => {
    if (!KNOWN.has(name)) {
      unknown.add(name);
      return whole;
    }
    const value = values[name as TemplateVariable];
    if (value === undefined || value === null || value === '') {
      missing.add(name);
      return whole;
    }
    return value;
  });
  return { text, unknown: [...unknown], missing: [...missing] };
}

/** Variables a template uses that are not in the fixed set (for validating a saved template). */
export function unknownVariables(template: string): string[] {
  return renderTemplate(template, {}).unknown;
}
