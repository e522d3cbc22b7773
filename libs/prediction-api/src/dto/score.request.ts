import type { IntervalCode } from '#libs/domain';
import { AssetField, IntervalField } from './request-fields.js';

/** Evaluate every ready model of an asset and interval on recent candles and mark the best. */
export class ScoreRequest {
  @AssetField()
  asset: string;

  @IntervalField('1d')
  interval: IntervalCode = '1d';
}
