import { Injectable, Logger } from '@nestjs/common';
import { AssetRepository, BacktestRepository, ModelRepository } from '#libs/database';
import type { BacktestSummary, ModelFamily, ModelSelection } from '#libs/domain';
import { chooseServed, type ServedCandidate, type ServedChoice } from '#libs/ml';
import type { ScorePayload } from '#libs/queue';

export interface ScoreOutcome {
  asset: string;
  interval: string;
  /** Every ready model with the choice's verdict on it. */
  models: { modelId: string; version: number; family: ModelFamily; served: boolean; reason: string; pinball: number | null }[];
  /** The version chosen by the score (is_best); null when none could be. */
  best: number | null;
  /** The version that serves forecasts: the pinned one if any, else the best. */
  served: number | null;
  skipped?: string;
}

/**
 * Chooses the model that serves a series (chooseServed, T8: among calibrated models the lowest
 * pinball loss; an LSTM only where it beats har-range by ≥ 1% with DM p < 0.05), from the
 * training walk-forward each ready model stored, and writes on every one of them why it is or is
 * not served. The chosen one is marked best; a pinned model stays served beside it.
 */
@Injectable()
export class ModelScoringService {
  private readonly logger = new Logger(ModelScoringService.name);

  constructor(
    private readonly assets: AssetRepository,
    private readonly models: ModelRepository,
    private readonly backtests: BacktestRepository,
  ) {}

  async score({ asset: symbol, interval }: ScorePayload): Promise<ScoreOutcome> {
    const asset = await this.assets.require(symbol);
    const ready = await this.models.list({ assetId: asset.id, interval, status: 'ready' });
    const outcome: ScoreOutcome = { asset: asset.symbol, interval, models: [], best: null, served: null };
    if (ready.length === 0) return { ...outcome, skipped: 'no ready model' };

    const candidates: ServedCandidate[] = [];
    for (const model of ready) {
      const training = await this.backtests.ofModel(model.id);
      candidates.push({
        modelId: model.id,
        family: model.family,
        summary: (training?.backtest.summary as BacktestSummary | undefined) ?? null,
        losses: (training?.records ?? [])
          .filter((r) => r.step === 1 && r.pinball !== null)
          .map((r) => ({ time: r.originTime.getTime() / 1000, pinball: r.pinball! })),
      });
    }
    const choices = withFallback(chooseServed(candidates));
    const decidedAt = new Date().toISOString();
    const pinned = ready.find((m) => m.pinned);
    const best = choices.find((c) => c.served);
    await this.models.writeSelection(
      asset.id,
      interval,
      choices.map((c): { id: string; selection: ModelSelection } => ({
        id: c.modelId,
        selection: {
          // What serves is the pinned model when there is one; the score's choice still says why it would.
          served: pinned ? c.modelId === pinned.id : c.served,
          reason: reasonWithPin(c, pinned),
          pinball: c.pinball,
          coverage90: c.coverage90,
          calibrated: c.calibrated,
          decidedAt,
        },
      })),
      best?.modelId ?? null,
    );
    const version = (id: string | undefined) => ready.find((m) => m.id === id)?.version ?? null;
    outcome.models = choices.map((c) => ({
      modelId: c.modelId,
      version: version(c.modelId)!,
      family: c.family,
      served: pinned ? c.modelId === pinned.id : c.served,
      reason: reasonWithPin(c, pinned),
      pinball: c.pinball,
    }));
    outcome.best = version(best?.modelId);
    outcome.served = pinned ? pinned.version : outcome.best;
    this.logger.log(
      `${asset.symbol} ${interval}: of ${ready.length} ready, the score chose ` +
        (best ? `v${outcome.best} (${best.family}): ${best.reason}` : 'none') +
        (pinned ? `; v${pinned.version} (${pinned.family}) is pinned and serves` : ''),
    );
    return outcome;
  }
}

/** The choice's reason, said of a series where an admin's pin decides what serves. */
function reasonWithPin(choice: ServedChoice, pinned: { id: string; version: number } | undefined): string {
  if (!pinned) return choice.reason;
  if (choice.modelId === pinned.id)
    return choice.served ? `served: pinned (and the score's choice too)` : `served: pinned (the score would not: ${choice.reason})`;
  if (choice.served) return `not served: v${pinned.version} is pinned (the score's choice: ${choice.reason.replace(/^served: /, '')})`;
  return choice.reason;
}

/**
 * A series must be served when it has a ready model: where the choice serves none (an LSTM alone,
 * with no har-range yet to be held against), the lowest pinball of them serves until the
 * baselines are trained, and its reason says so.
 */
export function withFallback(choices: ServedChoice[]): ServedChoice[] {
  if (choices.some((c) => c.served)) return choices;
  const fallback = choices.filter((c) => c.pinball !== null).sort((a, b) => a.pinball! - b.pinball!)[0] ?? choices[0];
  if (!fallback) return choices;
  return choices.map((c) =>
    c === fallback
      ? {
          ...c,
          served: true,
          reason: `served for now: no model passed the choice (${c.reason.replace(/^not served: /, '')}); the lowest pinball of the ready models`,
        }
      : c,
  );
}
