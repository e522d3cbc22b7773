import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNumber, Max, Min, registerDecorator, type ValidationArguments } from 'class-validator';
import { Optional } from '#libs/http';
import { describeLimit, HYPERPARAMETER_LIMITS, HYPERPARAMETER_NAMES, type HyperparameterName } from '../hyperparameters.js';

function Hyperparameter(name: HyperparameterName): PropertyDecorator {
  const limit = HYPERPARAMETER_LIMITS[name];
  const message = `hyperparameters.${name} must be ${describeLimit(limit)}`;
  return applyDecorators(
    ApiPropertyOptional({
      type: limit.integer ? 'integer' : 'number',
      minimum: limit.min,
      maximum: limit.max,
      default: limit.default,
      description: limit.description,
    }),
    // Left out, it gets its default; `null` is refused like any other value out of range.
    Optional(),
    limit.integer ? IsInt({ message }) : IsNumber({ allowNaN: false, allowInfinity: false }, { message }),
    Min(limit.min, { message }),
    Max(limit.max, { message }),
  );
}

/** Any of them may be left out: the defaults (HYPERPARAMETER_LIMITS) fill in. */
export class HyperparametersDto {
  @Hyperparameter('units') units?: number;
  @Hyperparameter('layers') layers?: number;
  @Hyperparameter('window') window?: number;
  @Hyperparameter('horizon') horizon?: number;
  @Hyperparameter('epochs') epochs?: number;
  @Hyperparameter('batchSize') batchSize?: number;
  @Hyperparameter('learningRate') learningRate?: number;
  @Hyperparameter('dropout') dropout?: number;
  @Hyperparameter('patience') patience?: number;
  @Hyperparameter('seeds') seeds?: number;
  @Hyperparameter('seed') seed?: number;
}

/**
 * `hyperparameters` is an object of known hyperparameters only. Checked on the property itself, so
 * that an unknown key gets one message that names it and lists what is allowed (the validation
 * pipe then skips the nested rules).
 */
export function IsHyperparameters(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isHyperparameters',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).every((key) => HYPERPARAMETER_NAMES.includes(key as HyperparameterName)),
        defaultMessage: ({ value }: ValidationArguments) => {
          if (typeof value !== 'object' || value === null || Array.isArray(value))
            return 'hyperparameters must be an object such as {"units": 64, "epochs": 100}';
          const unknown = Object.keys(value).filter((key) => !HYPERPARAMETER_NAMES.includes(key as HyperparameterName));
          return `hyperparameters.${unknown[0]} is not a hyperparameter: allowed are ${HYPERPARAMETER_NAMES.join(', ')}`;
        },
      },
    });
}
