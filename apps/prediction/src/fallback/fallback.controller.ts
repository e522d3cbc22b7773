import { All, Controller, NotFoundException, Req } from '@nestjs/common';
import type { Request } from 'express';

/**
 * Every path no other route takes. Without it such a request would get Express's 404 before any
 * guard ran; through it, InternalTokenGuard refuses it like any other, so that a caller without
 * the token learns nothing, not even which paths exist. Registered last (FallbackModule is the
 * last import of PredictionModule), so that it never shadows a real route.
 */
@Controller()
export class FallbackController {
  @All('{*path}')
  notFound(@Req() request: Request): never {
    throw new NotFoundException(`Cannot ${request.method} ${request.path}`);
  }
}
