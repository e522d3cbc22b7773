import { usePageTitle } from '../app/usePageTitle.ts';

/** The model registry. */
export default function ModelsPage() {
  usePageTitle('Models');
  return (
    <section>
      <h1>Models</h1>
      <p>Coming soon.</p>
    </section>
  );
}
