import { ApiProperty } from '@nestjs/swagger';

/** One hyperparameter a train request may set: its range and default. */
export class HyperparameterView {
  @ApiProperty({ example: 'units' }) name: string;
  @ApiProperty({ enum: ['integer', 'number'], description: '`integer`: whole numbers only' }) type: 'integer' | 'number';
  @ApiProperty({ example: 4 }) min: number;
  @ApiProperty({ example: 256 }) max: number;
  @ApiProperty({ example: 16, description: 'What the worker uses when a train request leaves it out' }) default: number;
  @ApiProperty({ example: 'LSTM units per layer' }) description: string;
}
