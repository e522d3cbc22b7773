import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { api, call } from '../api/client.ts';
import type { components } from '../api/schema';
import { describeError } from '../auth/describe-error.ts';
import { adminKeys } from './admin.keys.ts';
import { AssetIntervalFields, type Target } from './AssetIntervalFields.tsx';
import { checkValues, defaultValues, hyperparameterFields, trainingCost, type FieldValues } from './hyperparameter-form.ts';

export type JobAccepted = components['schemas']['JobAcceptedView'];
type HyperparametersView = components['schemas']['HyperparametersView'];

interface Props {
  spec: HyperparametersView;
  symbols: string[];
  target: Target;
  onTargetChange: (next: Target) => void;
  onStarted: (accepted: JobAccepted) => void;
}

/** "Start training": one number field per hyperparameter the API publishes, at its default, checked against its range. */
export function TrainForm({ spec, symbols, target, onTargetChange, onStarted }: Props) {
  const headingId = useId();
  const client = useQueryClient();
  const [values, setValues] = useState<FieldValues>(() => defaultValues(spec.hyperparameters));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const fields = hyperparameterFields(spec.hyperparameters);
  const checked = checkValues(spec.hyperparameters, values);
  const maxCandles: number | undefined = spec.maxCandles[target.interval];
  const cost = checked.ok && maxCandles !== undefined ? trainingCost(checked.hyperparameters, maxCandles) : null;

  const start = useMutation({
    mutationFn: (hyperparameters: Record<string, number>) =>
      call(api.POST('/prediction/train', { body: { asset: target.asset, interval: target.interval, hyperparameters } })),
    onSuccess: (accepted) => {
      onStarted(accepted);
      void client.invalidateQueries({ queryKey: adminKeys.jobs() });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = checkValues(spec.hyperparameters, values);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    start.mutate(result.hyperparameters);
  }

  return (
    <form className="train-form" aria-labelledby={headingId} noValidate onSubmit={submit}>
      <h2 id={headingId}>Start training</h2>
      <AssetIntervalFields symbols={symbols} target={target} onChange={onTargetChange} />
      <fieldset>
        <legend>Hyperparameters</legend>
        <div className="hyperparameters">
          {fields.map((field) => {
            const error = errors[field.name];
            return (
              <div key={field.name} className="hyperparameter">
                <label>
                  {field.name}
                  <input
                    type="number"
                    name={field.name}
                    inputMode={field.type === 'integer' ? 'numeric' : 'decimal'}
                    min={field.min}
                    max={field.max}
                    step={field.step}
                    value={values[field.name] ?? ''}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={`${headingId}-${field.name}-hint${error ? ` ${headingId}-${field.name}-error` : ''}`}
                    onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
                  />
                </label>
                <p id={`${headingId}-${field.name}-hint`} className="hint">
                  {field.description} ({field.min} to {field.max}, default {field.default})
                </p>
                {error && (
                  <p id={`${headingId}-${field.name}-error`} className="form-error">
                    {error}
                  </p>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
      {cost !== null && cost > spec.costBudget && (
        <p className="form-error">
          units × layers × window × epochs × {maxCandles} candles = {cost.toLocaleString()}, over the budget of{' '}
          {spec.costBudget.toLocaleString()}: the API will refuse it.
        </p>
      )}
      {Object.keys(errors).length > 0 && (
        <p className="form-error" role="alert">
          Some values are out of range: see the fields above.
        </p>
      )}
      {start.isError && (
        <p className="form-error" role="alert">
          {describeError(start.error)}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={start.isPending || target.asset === ''}>
          Start training
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setValues(defaultValues(spec.hyperparameters));
            setErrors({});
          }}
        >
          Reset to defaults
        </button>
      </div>
    </form>
  );
}
