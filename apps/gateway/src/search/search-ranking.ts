/** How a result matched the query, best first. */
export const MATCH_KINDS = ['exact', 'prefix', 'substring'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

/** What a search looks at in one candidate: its names, most telling first (the symbol before the name, the name before Kraken's). */
export interface Searchable {
  names: readonly (string | null)[];
  tracked: boolean;
  /** Ties are broken by this, alphabetically. */
  order: string;
}

export interface Ranked<T> {
  item: T;
  match: MatchKind;
}

/** How `name` matches `query` (both already in upper case), or undefined. */
function matchOf(name: string, query: string): MatchKind | undefined {
  if (name === query) return 'exact';
  if (name.startsWith(query)) return 'prefix';
  return name.includes(query) ? 'substring' : undefined;
}

/**
 * The candidates that match `query`, case-insensitively, on any of their names: exact matches
 * first, then prefixes, then substrings; within one kind, tracked ones first, then those that
 * matched on a more telling name (the symbol), then by `order`.
 */
export function rankMatches<T extends Searchable>(candidates: readonly T[], query: string): Ranked<T>[] {
  const wanted = query.trim().toUpperCase();
  const ranked: { item: T; match: MatchKind; kind: number; field: number }[] = [];
  for (const item of candidates) {
    let best: { kind: number; field: number } | undefined;
    item.names.forEach((name, field) => {
      const match = name === null ? undefined : matchOf(name.toUpperCase(), wanted);
      if (match === undefined) return;
      const kind = MATCH_KINDS.indexOf(match);
      if (!best || kind < best.kind) best = { kind, field };
    });
    if (best) ranked.push({ item, match: MATCH_KINDS[best.kind], ...best });
  }
  return ranked
    .sort(
      (a, b) =>
        a.kind - b.kind || Number(b.item.tracked) - Number(a.item.tracked) || a.field - b.field || a.item.order.localeCompare(b.item.order),
    )
    .map(({ item, match }) => ({ item, match }));
}
