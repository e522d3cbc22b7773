import { Injectable } from '@nestjs/common';
import { ModelRepository } from '#libs/database';
import { ModelNotReadyError, UnknownModelError } from '#libs/domain';
import type { ModelView } from '#libs/prediction-api';
import { PredictionsService } from '../predictions/predictions.service.js';
import { toModelView } from '../predictions/prediction-views.mapper.js';

/** Pins: an admin's choice of the served model of a series, over the score's. */
@Injectable()
export class RegistryService {
  constructor(
    private readonly models: ModelRepository,
    private readonly predictions: PredictionsService,
  ) {}

  /** Pins a ready model (moving the pin of its series if another had it); answers the model as it is now. */
  async pin(id: string): Promise<ModelView> {
    const outcome = await this.models.pin(id);
    if (outcome === 'not-found') throw new UnknownModelError(id);
    if (outcome === 'not-ready') throw new ModelNotReadyError(id, (await this.models.findById(id))?.status ?? 'not ready');
    return this.view(id);
  }

  /** Unpins a model (nothing to do when it was not pinned): its series serves its best model again. */
  async unpin(id: string): Promise<ModelView> {
    if (!(await this.models.unpin(id))) throw new UnknownModelError(id);
    return this.view(id);
  }

  private async view(id: string): Promise<ModelView> {
    const model = await this.models.findById(id);
    if (!model) throw new UnknownModelError(id);
    return toModelView(model, this.predictions.isStale(model));
  }
}
