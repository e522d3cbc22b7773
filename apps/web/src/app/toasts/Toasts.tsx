import { useSyncExternalStore } from 'react';
import { toasts, type Toast } from './toasts.store.ts';

/** Two live regions, always present so that screen readers announce what arrives: polite and assertive. */
export function Toasts() {
  const items = useSyncExternalStore(toasts.subscribe, toasts.get);
  return (
    <div className="toasts">
      <div role="status" aria-live="polite">
        {items.filter((t) => t.kind !== 'error').map(item)}
      </div>
      <div role="alert">{items.filter((t) => t.kind === 'error').map(item)}</div>
    </div>
  );
}

function item(toast: Toast) {
  return (
    <div key={toast.id} className={`toast toast-${toast.kind}`}>
      <span>{toast.text}</span>
      <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => toasts.dismiss(toast.id)}>
        ×
      </button>
    </div>
  );
}
