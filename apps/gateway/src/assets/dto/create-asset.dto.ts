import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { SYMBOL_PATTERN } from '#libs/domain';
import { Optional } from '#libs/http';

export const ASSET_NAME_MAX = 64;
/**
 * Printable text: letters (with their combining marks), digits, single spaces between words, and
 * common punctuation; no control, format (zero-width, bidi) or other invisible characters.
 */
export const ASSET_NAME_PATTERN = new RegExp(
  `^(?=.{1,${ASSET_NAME_MAX}}$)[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}.,:;!?'&()/+#%_-]*(?: [\\p{L}\\p{M}\\p{N}.,:;!?'&()/+#%_-]+)*$`,
  'u',
);
export const ASSET_NAME_RULE = `name must be 1 to ${ASSET_NAME_MAX} characters: letters, digits, single spaces and . , : ; ! ? ' & ( ) / + # % _ -, starting with a letter or digit`;

export class CreateAssetDto {
  @ApiProperty({ example: 'SOL', description: 'The symbol users will know it by' })
  @Matches(SYMBOL_PATTERN, { message: 'symbol must be 2 to 12 letters or digits' })
  @IsString({ message: 'symbol must be a string' })
  symbol: string;

  @ApiPropertyOptional({
    example: 'SOLUSD',
    description: "Kraken's pair name (SOLUSD, XXBTZUSD or SOL/USD); by default the symbol's USD pair",
  })
  @Optional()
  @Matches(/^[A-Za-z0-9]{2,16}(\/[A-Za-z0-9]{2,16})?$/, { message: 'pair must be a Kraken pair name such as SOLUSD, XXBTZUSD or SOL/USD' })
  @IsString({ message: 'pair must be a string' })
  pair?: string;

  @ApiPropertyOptional({ example: 'Solana', maxLength: ASSET_NAME_MAX, description: ASSET_NAME_RULE })
  @Optional()
  @Matches(ASSET_NAME_PATTERN, { message: ASSET_NAME_RULE })
  @IsString({ message: 'name must be a string' })
  name?: string;
}
