export const USERS_PER_PAGE = 20;

/** The page number in `?page=N` (1-based); anything else is page 1. */
export function parsePage(search: string): number {
  const raw = new URLSearchParams(search).get('page');
  const n = raw !== null && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return n >= 1 ? n : 1;
}

export interface PageInfo {
  offset: number;
  pages: number;
  first: number;
  last: number;
}

/** The offset to ask for, and what a pager says ("21–40 of 57"), for a page of a list of `total`. */
export function pageInfo(page: number, total: number, perPage = USERS_PER_PAGE): PageInfo {
  const pages = Math.max(1, Math.ceil(total / perPage));
  const offset = (page - 1) * perPage;
  return { offset, pages, first: total === 0 ? 0 : Math.min(offset + 1, total), last: Math.min(offset + perPage, total) };
}
