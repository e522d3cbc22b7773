import { Controller, Delete, Param, Put } from '@nestjs/common';
import { ModelIdParams } from '#libs/prediction-api';
import { RegistryService } from './registry.service.js';

/** Write routes of the model registry that take effect at once (no job). */
@Controller('prediction/models')
export class RegistryController {
  constructor(private readonly registry: RegistryService) {}

  @Put(':id/pin')
  pin(@Param() { id }: ModelIdParams) {
    return this.registry.pin(id);
  }

  @Delete(':id/pin')
  unpin(@Param() { id }: ModelIdParams) {
    return this.registry.unpin(id);
  }
}
