import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { parseSymbol } from '#libs/domain';

/** A path symbol, case-insensitive: `btc` → `BTC`; anything that cannot be a symbol (`ſol` included) is a 400. */
@Injectable()
export class SymbolPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const symbol = parseSymbol(value);
    if (symbol === null) throw new BadRequestException('symbol must be 2 to 12 letters or digits');
    return symbol;
  }
}
