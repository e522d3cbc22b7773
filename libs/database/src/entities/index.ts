import { AssetEntity } from './asset.entity.js';
import { CandleEntity } from './candle.entity.js';
import { EvaluationEntity } from './evaluation.entity.js';
import { ModelEntity } from './model.entity.js';
import { PredictionEntity } from './prediction.entity.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';
import { UserEntity } from './user.entity.js';

export { AssetEntity, CandleEntity, EvaluationEntity, ModelEntity, PredictionEntity, RefreshTokenEntity, UserEntity };
export type { ModelStatus } from './model.entity.js';
export { USER_ROLES, type UserRole } from './user.entity.js';

export const ENTITIES = [AssetEntity, CandleEntity, UserEntity, RefreshTokenEntity, ModelEntity, EvaluationEntity, PredictionEntity];
