/**
 * PromQL read out of Grafana dashboards, and metric names read out of PromQL, so that tests can
 * hold the dashboards to the metrics the services expose (DESIGN.md, Metrics) and run every
 * dashboard query against a real Prometheus.
 */

/** One query of a dashboard, runnable as it is in plain Prometheus. */
export interface DashboardQuery {
  /** Where it is, for messages: `panel "Request rate per route" A`, `variable asset`, `annotation "Candlecast alerts"`. */
  source: string;
  /** As written in the dashboard, Grafana variables and all. */
  template: string;
  /** With Grafana's variables replaced: `$__rate_interval` by `1m`, `=~"$asset"` by `=~".*"`. */
  expr: string;
}

type Json = Record<string, unknown>;

const BUILT_IN_DURATION = '1m';
const BUILT_INS: Record<string, string> = {
  __rate_interval: BUILT_IN_DURATION,
  __interval: BUILT_IN_DURATION,
  __range: BUILT_IN_DURATION,
  __auto: BUILT_IN_DURATION,
  __interval_ms: '60000',
  __range_ms: '60000',
  __range_s: '60',
};

// $name, ${name}, ${name:format}, [[name]], [[name:format]]
const VARIABLE = /\$([A-Za-z_]\w*)|\$\{([A-Za-z_]\w*)(?::[^}]*)?\}|\[\[([A-Za-z_]\w*)(?::[^\]]*)?\]\]/g;

/**
 * Every PromQL expression of a Grafana dashboard (JSON model): panel targets, panels nested in
 * rows included, template variable queries (`label_values(metric{...}, label)` gives its metric
 * selector, `query_result(expr)` its expression) and annotation queries. Grafana's variables are
 * replaced so that the query runs in plain Prometheus: built-in durations by `1m`, a dashboard
 * variable inside a quoted string (a label matcher) by `.*`, and elsewhere by its current or first
 * value. Throws on a variable the dashboard does not define.
 */
export function dashboardQueries(dashboard: unknown): DashboardQuery[] {
  const model = dashboard as Json;
  const variables = ((model.templating as Json | undefined)?.list ?? []) as Json[];
  const values = new Map(variables.map((variable) => [String(variable.name), plainValue(variable)]));
  const queries: DashboardQuery[] = [];
  const add = (source: string, template: string) => queries.push({ source, template, expr: substitute(template, values, source) });

  for (const variable of variables) {
    if (variable.type !== 'query') continue;
    const query = variableQuery(variable.query);
    if (query) add(`variable ${String(variable.name)}`, query);
  }
  for (const panel of panels(model)) {
    for (const target of (panel.targets ?? []) as Json[]) {
      if (typeof target.expr === 'string' && target.expr.trim()) add(`panel "${String(panel.title)}" ${String(target.refId)}`, target.expr);
    }
  }
  for (const annotation of ((model.annotations as Json | undefined)?.list ?? []) as Json[]) {
    if (typeof annotation.expr === 'string' && annotation.expr.trim()) add(`annotation "${String(annotation.name)}"`, annotation.expr);
  }
  return queries;
}

/** Every panel, those inside rows (collapsed or not, and the old `rows` layout) included. */
function panels(container: Json): Json[] {
  const own = [...((container.panels ?? []) as Json[]), ...((container.rows ?? []) as Json[])];
  return own.flatMap((panel) => [panel, ...panels(panel)]);
}

/** The PromQL behind a Prometheus variable query, as a string or as Grafana 10's query object. */
function variableQuery(query: unknown): string | undefined {
  const text =
    typeof query === 'string'
      ? query
      : typeof (query as Json | undefined)?.query === 'string'
        ? ((query as Json).query as string)
        : undefined;
  if (!text?.trim()) return undefined;
  const call = /^\s*(label_values|query_result|metrics|label_names)\s*\(([\s\S]*)\)\s*$/.exec(text);
  if (!call) return text;
  const [, fn, args] = call;
  if (fn === 'query_result') return args.trim();
  if (fn !== 'label_values') return undefined;
  const comma = lastTopLevelComma(args);
  return comma < 0 ? undefined : args.slice(0, comma).trim(); // label_values(label) alone has no metric
}

function lastTopLevelComma(text: string): number {
  let depth = 0;
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') i = stringEnd(text, i);
    else if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') depth--;
    else if (c === ',' && depth === 0) last = i;
  }
  return last;
}

/** What a variable stands for outside a string: its current value, else its first option or value. */
function plainValue(variable: Json): string | undefined {
  const current = (variable.current as Json | undefined)?.value;
  const value = Array.isArray(current) ? current[0] : current;
  if (typeof value === 'string' && value && value !== '$__all') return value;
  const option = ((variable.options ?? []) as Json[]).find((o) => typeof o.value === 'string' && o.value !== '$__all');
  if (option) return option.value as string;
  if (typeof variable.query === 'string' && ['custom', 'interval', 'constant', 'textbox'].includes(String(variable.type))) {
    return variable.query.split(',')[0].trim() || undefined;
  }
  return undefined;
}

function substitute(template: string, values: Map<string, string | undefined>, source: string): string {
  let out = '';
  for (let i = 0; i < template.length;) {
    const c = template[i];
    if (c === '"' || c === "'" || c === '`') {
      const end = stringEnd(template, i);
      out += replaceVariables(template.slice(i, end + 1), values, source, true);
      i = end + 1;
    } else {
      let end = i;
      while (end < template.length && !'"\'`'.includes(template[end])) end++;
      out += replaceVariables(template.slice(i, end), values, source, false);
      i = end;
    }
  }
  return out;
}

function replaceVariables(text: string, values: Map<string, string | undefined>, source: string, inString: boolean): string {
  return text.replace(VARIABLE, (whole, a?: string, b?: string, c?: string) => {
    const name = (a ?? b ?? c)!;
    if (name in BUILT_INS) return BUILT_INS[name];
    if (!values.has(name)) throw new Error(`${source} uses $${name}, which the dashboard does not define`);
    if (inString) return '.*';
    const value = values.get(name);
    if (value === undefined) throw new Error(`${source} uses $${name} outside a label matcher, and the variable has no value to put there`);
    return value;
  });
}

/** Index of the quote that closes the string opened at `start` (or the last index if none does). */
function stringEnd(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\' && quote !== '`') i++;
    else if (text[i] === quote) return i;
  }
  return text.length - 1;
}

/**
 * PromQL keywords that can stand where a metric name could (compared in lower case, as PromQL
 * does), aggregation operators among them: `sum by (route) (...)` puts no `(` right after `sum`.
 */
const KEYWORDS = new Set([
  ...['and', 'or', 'unless', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'atan2', 'inf', 'nan'],
  ...[
    'sum',
    'min',
    'max',
    'avg',
    'group',
    'stddev',
    'stdvar',
    'count',
    'count_values',
    'bottomk',
    'topk',
    'quantile',
    'limitk',
    'limit_ratio',
  ],
]);
/** Keywords followed by a list of label names, not of expressions. */
const LABEL_LISTS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);

/**
 * The metric names a PromQL expression selects, each once, in order of appearance: bare names,
 * and `{__name__="..."}` matchers. Function and aggregation names, keywords, label names (in
 * matchers, by/without/on/ignoring/group_left/group_right lists), strings, numbers and durations
 * are not metric names.
 */
export function metricNames(promql: string): string[] {
  const names: string[] = [];
  const add = (name: string) => names.includes(name) || names.push(name);
  const s = promql;
  let i = 0;
  const nextNonSpace = (from: number) => {
    while (from < s.length && /\s/.test(s[from])) from++;
    return from;
  };
  while (i < s.length) {
    const c = s[i];
    if (c === '#') {
      while (i < s.length && s[i] !== '\n') i++;
    } else if (c === '"' || c === "'" || c === '`') {
      i = stringEnd(s, i) + 1;
    } else if (c === '{') {
      const end = closing(s, i, '{', '}');
      for (const m of s.slice(i, end).matchAll(/__name__\s*=\s*(["'`])((?:\\.|(?!\1).)*)\1/g)) add(m[2]);
      i = end + 1;
    } else if (c === '[') {
      i = closing(s, i, '[', ']') + 1;
    } else if (/[0-9.]/.test(c)) {
      // A number or a duration: 0.95, 1e-3, 0x1f, 5m, 1h30m.
      i++;
      while (i < s.length && (/[\w.]/.test(s[i]) || (/[+-]/.test(s[i]) && /[eE]/.test(s[i - 1]) && /\d/.test(s[i + 1] ?? '')))) i++;
    } else if (/[A-Za-z_:]/.test(c)) {
      let end = i + 1;
      while (end < s.length && /[\w:]/.test(s[end])) end++;
      const word = s.slice(i, end);
      const after = nextNonSpace(end);
      const keyword = word.toLowerCase();
      if (LABEL_LISTS.has(keyword) && s[after] === '(') i = closing(s, after, '(', ')') + 1;
      else {
        if (!KEYWORDS.has(keyword) && s[after] !== '(') add(word);
        i = end;
      }
    } else {
      i++;
    }
  }
  return names;
}

/** Index of the bracket that closes the one opened at `start`, skipping strings. */
function closing(s: string, start: number, open: string, close: string): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    if (s[i] === '"' || s[i] === "'" || s[i] === '`') i = stringEnd(s, i);
    else if (s[i] === open) depth++;
    else if (s[i] === close && --depth === 0) return i;
  }
  return s.length - 1;
}
