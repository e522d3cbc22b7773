import { ApiProperty } from '@nestjs/swagger';

/** Samples (windows of candles) in each split of a training's data. */
export class SplitSamplesView {
  @ApiProperty({ type: 'integer' }) train: number;
  @ApiProperty({ type: 'integer' }) validation: number;
  @ApiProperty({ type: 'integer', description: '0 when the training held no test split out' }) test: number;
}
