import { usePageTitle } from '../app/usePageTitle.ts';

/** One model: hyperparameters, evaluations, training curves. */
export default function ModelPage() {
  usePageTitle('Model');
  return (
    <section>
      <h1>Model</h1>
      <p>Coming soon.</p>
    </section>
  );
}
