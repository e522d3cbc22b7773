import type { ModelView } from './model-types.ts';

/** The model's status as a word, with "best" when scoring chose it to serve forecasts. */
export function ModelStatusBadge({ model }: { model: Pick<ModelView, 'status' | 'isBest'> }) {
  return (
    <span className={`badge badge-${model.status}`}>
      {model.status}
      {model.isBest ? ' · best' : ''}
    </span>
  );
}
