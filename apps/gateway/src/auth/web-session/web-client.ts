import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** The header by which the web app asks for cookie mode on login, refresh and logout (DESIGN.md, The web app). */
export const WEB_CLIENT_HEADER = 'X-Candlecast-Client';

/** Whether the request is in cookie mode. Another value is a mistake, not a request for body mode. */
export function isWebClient(req: Request): boolean {
  const value = req.headers[WEB_CLIENT_HEADER.toLowerCase()];
  if (value === undefined) return false;
  if (value === 'web') return true;
  throw new BadRequestException(`${WEB_CLIENT_HEADER} must be web (cookie mode), or left out`);
}

/** `true` in a handler whose request is in cookie mode. */
export const WebClient = createParamDecorator((_: unknown, context: ExecutionContext): boolean =>
  isWebClient(context.switchToHttp().getRequest<Request>()),
);
