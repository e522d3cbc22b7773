import { BadRequestException, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { checkRawInput } from './raw-input.check.js';

/** Every constraint message, nested properties included, each once. */
function describe(errors: ValidationError[]): string[] {
  return [...new Set(errors.flatMap((e) => [...Object.values(e.constraints ?? {}), ...describe(e.children ?? [])]))];
}

type Dto = abstract new (...args: never[]) => object;

/**
 * Nest's ValidationPipe, which remembers the query DTOs it made: a query string it has
 * validated before gives a copy of the same DTO without class-transformer and class-validator,
 * whose work was a twentieth of a read route's CPU. Refused input is never remembered.
 */
class RememberingValidationPipe extends ValidationPipe {
  private readonly queries = new Map<Dto, LRUCache<string, object>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const dto = metadata.metatype as Dto | undefined;
    if (metadata.type !== 'query' || !dto || !this.toValidate(metadata) || typeof value !== 'object' || value === null) {
      checkRawInput(value, metadata);
      return super.transform(value, metadata);
    }
    let known = this.queries.get(dto);
    if (!known) this.queries.set(dto, (known = new LRUCache({ max: 1000 })));
    const key = JSON.stringify(value);
    let made = known.get(key);
    if (!made) {
      // Only accepted queries are remembered: one found here has passed this check before.
      checkRawInput(value, metadata);
      made = (await super.transform(value, metadata)) as object;
      known.set(key, made);
    }
    // A copy, so that a handler that changed its DTO would not change the next request's.
    return Object.assign(Object.create(Object.getPrototypeOf(made) as object) as object, made);
  }
}

/**
 * Validates and transforms every body, query and path DTO; refuses unknown fields (prototype
 * names included) and control characters (checkRawInput); answers with one 400 whose message
 * lists what is wrong and what is allowed.
 */
export function validationPipe(): ValidationPipe {
  return new RememberingValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // One message per field: the first rule it breaks. class-validator checks a property's rules
    // from the decorator nearest to it upwards, so a DTO puts its type check last.
    stopAtFirstError: true,
    exceptionFactory: (errors) => new BadRequestException(describe(errors).join('; ')),
  });
}
