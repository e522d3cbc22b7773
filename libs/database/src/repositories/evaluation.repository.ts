import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { EvaluationEntity } from '../entities/evaluation.entity.js';

export type NewEvaluation = Pick<EvaluationEntity, 'modelId' | 'kind' | 'windowFrom' | 'windowTo' | 'samples' | 'metrics' | 'naiveMetrics'>;

@Injectable()
export class EvaluationRepository {
  private readonly evaluations: Repository<EvaluationEntity>;

  constructor(@InjectDataSource() db: DataSource) {
    this.evaluations = db.getRepository(EvaluationEntity);
  }

  /** A model's most recent evaluation, of either kind. */
  latestFor(modelId: string): Promise<EvaluationEntity | null> {
    return this.evaluations.findOne({ where: { modelId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  async add(evaluation: NewEvaluation & { createdAt?: Date }): Promise<EvaluationEntity> {
    const { identifiers } = await this.evaluations.insert(evaluation);
    const { id } = identifiers[0] as Pick<EvaluationEntity, 'id'>;
    return this.evaluations.findOneByOrFail({ id });
  }
}
