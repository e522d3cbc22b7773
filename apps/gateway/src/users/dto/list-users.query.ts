import { QueryIntegerField } from '#libs/http';

/** Offsets beyond this are refused rather than sent to Postgres (9223372036854775807 there is a 500). */
export const USERS_PAGE = { limit: { min: 1, max: 500, default: 100 }, offset: { min: 0, max: 2_147_483_647, default: 0 } };

export class ListUsersQuery {
  @QueryIntegerField('limit', USERS_PAGE.limit)
  limit: number = USERS_PAGE.limit.default;

  @QueryIntegerField('offset', USERS_PAGE.offset)
  offset: number = USERS_PAGE.offset.default;
}
