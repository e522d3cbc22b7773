import { Module } from '@nestjs/common';
import { FallbackController } from './fallback.controller.js';

/** Import it last: its catch-all route must come after every other. */
@Module({ controllers: [FallbackController] })
export class FallbackModule {}
