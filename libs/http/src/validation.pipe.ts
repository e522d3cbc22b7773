import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

/** Every constraint message, nested properties included, each once. */
function describe(errors: ValidationError[]): string[] {
  return [...new Set(errors.flatMap((e) => [...Object.values(e.constraints ?? {}), ...describe(e.children ?? [])]))];
}

/**
 * Validates and transforms every body, query and path DTO; refuses unknown fields; answers
 * with one 400 whose message lists what is wrong and what is allowed.
 */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // One message per field: the first rule it breaks. class-validator checks a property's rules
    // from the decorator nearest to it upwards, so a DTO puts its type check last.
    stopAtFirstError: true,
    exceptionFactory: (errors) => new BadRequestException(describe(errors).join('; ')),
  });
}
