import type { IntervalCode } from '#libs/domain';
import { AssetField, IntervalField } from './request-fields.js';

/** `?asset=BTC&interval=1d`: which forecasts or models a read route is about. */
export class AssetIntervalQuery {
  @AssetField()
  asset: string;

  @IntervalField('1d')
  interval: IntervalCode = '1d';
}
