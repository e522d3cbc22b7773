import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiForbiddenResponse } from '@nestjs/swagger';
import type { UserRole } from '#libs/database';

export const ROLES = 'candlecast:roles';

/** Only callers with one of these roles may call this route (403 for anyone else who is logged in). */
export const Roles = (...roles: UserRole[]) =>
  applyDecorators(SetMetadata(ROLES, roles), ApiForbiddenResponse({ description: `Only for: ${roles.join(', ')}` }));
