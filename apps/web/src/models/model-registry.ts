/**
 * The registry's step-8 facts of a model, said plainly: its family, whether it serves the
 * forecasts (the pinned one, else the best by score), whether an admin pinned it, whether it is
 * stale (trained more than two retrain periods ago), and why scoring chose it or not.
 */

export interface SelectionInput {
  served: boolean;
  reason: string;
  pinball?: number | null;
  coverage90?: number | null;
  calibrated?: boolean;
  decidedAt?: string;
}

export interface RegistryInput {
  status: string;
  isBest: boolean;
  family?: string | null;
  stale?: boolean | null;
  pinned?: boolean | null;
  served?: boolean | null;
  selection?: SelectionInput | null;
}

export interface RegistryFacts {
  family: string;
  served: boolean;
  pinned: boolean;
  stale: boolean;
  /** Why it serves or not, from the last scoring; null before any. */
  reason: string | null;
  /** Badges beside the status: "served", "pinned". */
  markers: string[];
  /** What an admin may do: pin a ready unpinned model, unpin the pinned one. */
  action: 'pin' | 'unpin' | null;
}

/** A model's registry facts; before step 8's fields, an LSTM served when best. */
export function registryFacts(model: RegistryInput): RegistryFacts {
  const pinned = model.pinned === true;
  const served = model.served ?? (model.status === 'ready' && model.isBest);
  const markers = [served && 'served', pinned && 'pinned'].filter((m): m is string => typeof m === 'string');
  const reason = model.selection?.reason?.trim() || null;
  return {
    family: model.family ?? 'lstm',
    served,
    pinned,
    stale: model.stale === true,
    reason: pinned && served ? `Pinned by an admin${reason ? `; scoring said: ${reason}` : ''}` : reason,
    markers,
    action: pinned ? 'unpin' : model.status === 'ready' ? 'pin' : null,
  };
}

/** What the toast says after a pin or an unpin. */
export function pinNotice(action: 'pin' | 'unpin', name: string): string {
  return action === 'pin'
    ? `Pinned ${name}: it serves the forecasts of its series until unpinned.`
    : `Unpinned ${name}: the best model by score serves its series again.`;
}
