import { calibrationNote, edgeBadge, forecastMeta, modelNotes } from './forecast-notes.ts';

interface Props {
  forecast: object | null | undefined;
  nowMs: number;
}

/**
 * Beside the served forecast: its edge over the naive forecast as the test states it (figures in
 * the detail), how often its intervals held, and whether an admin pinned it or it is stale.
 */
export function ForecastNotes({ forecast, nowMs }: Props) {
  if (!forecast) return null;
  const meta = forecastMeta(forecast);
  const badge = edgeBadge(meta.edge);
  const coverage = [calibrationNote(meta.calibration, 90), calibrationNote(meta.calibration, 80)].filter((n): n is string => n !== null);
  const notes = modelNotes({ ...meta.model, stale: meta.stale }, nowMs);
  return (
    <div className="forecast-notes" data-testid="forecast-notes">
      <details className="edge">
        <summary>
          <span className={`badge badge-edge-${badge.tone}`}>{badge.text}</span>
          {meta.model.family && <span className="muted"> · model family {meta.model.family}</span>}
        </summary>
        <p className="hint">
          {badge.detail} Compared on the model&apos;s walk-forward with the naive forecast (next close = last close); a claim needs a
          Diebold–Mariano test at 5%.
        </p>
      </details>
      {coverage.length > 0 ? (
        <p className="calibration">{coverage.join('; ')}.</p>
      ) : (
        <p className="muted">No realized forecast of this model yet: its interval coverage is unknown.</p>
      )}
      {notes.map((note) => (
        <p key={note} className={note.startsWith('Pinned') ? 'note' : 'warning'}>
          {note}
        </p>
      ))}
    </div>
  );
}
