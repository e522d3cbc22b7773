import { usePageTitle } from '../app/usePageTitle.ts';

/** An asset: candles, forecast, history (the asset helper builds it). */
export default function AssetPage() {
  usePageTitle('Asset');
  return (
    <section>
      <h1>Asset</h1>
      <p>Coming soon.</p>
    </section>
  );
}
