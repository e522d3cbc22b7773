import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { SYMBOL_PATTERN } from '#libs/domain';

export class CreateAssetDto {
  @ApiProperty({ example: 'SOL', description: 'The symbol users will know it by' })
  @Matches(SYMBOL_PATTERN, { message: 'symbol must be 2 to 12 letters or digits' })
  @IsString({ message: 'symbol must be a string' })
  symbol: string;

  @ApiPropertyOptional({
    example: 'SOLUSD',
    description: "Kraken's pair name (SOLUSD, XXBTZUSD or SOL/USD); by default the symbol's USD pair",
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{2,16}(\/[A-Za-z0-9]{2,16})?$/, { message: 'pair must be a Kraken pair name such as SOLUSD, XXBTZUSD or SOL/USD' })
  @IsString({ message: 'pair must be a string' })
  pair?: string;

  @ApiPropertyOptional({ example: 'Solana' })
  @IsOptional()
  @Length(1, 64, { message: 'name must be 1 to 64 characters' })
  @IsString({ message: 'name must be a string' })
  name?: string;
}
