import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { normalizeSymbol, SYMBOL_PATTERN } from '#libs/domain';

/** A path symbol, case-insensitive: `btc` → `BTC`; anything that cannot be a symbol is a 400. */
@Injectable()
export class SymbolPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!SYMBOL_PATTERN.test(value)) throw new BadRequestException('symbol must be 2 to 12 letters or digits');
    return normalizeSymbol(value);
  }
}
