/**
 * The output stage of the agent (hub-compat §0 step 5, §3.1; CrowdSec's output routine): every
 * real overflow goes through the postoverflow parsers, then
 *   - whitelisted (`Overflow.Whitelisted`, set by a postoverflow whitelist) ⇒ kept for dumps,
 *     neither re-poured nor sent;
 *   - otherwise ⇒ sent as alerts, and also re-poured into the buckets when `Overflow.Reprocess`
 *     (CrowdSec does both: the re-injection does not replace the alert).
 * An overflow without an Alert is a bucket clean-up signal and skips everything.
 */
import { Alert, type AlertSource, type Event } from '../event/index.ts';
import type { ParserSet, ParseTrace } from '../parser/index.ts';

/** What became of one overflow. */
export type OverflowOutcome =
  /** A clean-up signal (no alert): nothing to do. */
  | { readonly kind: 'cleanup' }
  /** Whitelisted by a postoverflow: dump it, do not send it, do not re-pour it. */
  | { readonly kind: 'whitelisted'; readonly event: Event }
  /** To send: the API alerts (one per source) and whether the event must be poured again. */
  | { readonly kind: 'alert'; readonly event: Event; readonly alerts: Alert[]; readonly reprocess: boolean };

/** Runs postoverflows and decides the fate of overflows. */
export class OverflowOutput {
  readonly #postoverflows: ParserSet | null;

  /** `postoverflows` is the loaded postoverflow set (`loadParserSet({kind: 'postoverflows'})`), or null for none. */
  constructor(postoverflows: ParserSet | null) {
    this.#postoverflows = postoverflows;
  }

  /**
   * Processes one overflow event (Type OVFLW) in place: runs the postoverflow stages (their
   * Process result is ignored, but a failed stage still stops the later ones, §3.1) and returns
   * the outcome. Never throws for content problems.
   */
  process(evt: Event, trace?: ParseTrace): OverflowOutcome {
    const ov = evt.Overflow;
    if (ov.Alert === null) return { kind: 'cleanup' };
    if (this.#postoverflows !== null && this.#postoverflows.stages.length > 0) {
      this.#postoverflows.parse(evt, trace);
    }
    if (ov.Whitelisted) return { kind: 'whitelisted', event: evt };
    return { kind: 'alert', event: evt, alerts: alertsToSend(evt), reprocess: ov.Reprocess };
  }
}

/**
 * The API alerts an overflow is sent as (CrowdSec's `dedupAlerts`): with zero or one source, the
 * overflow's `Alert` itself (as the postoverflows left it, e.g. an IPv6 turned into its /64
 * range); with several sources, one shallow copy of `Alert` per source, each with that source.
 */
export function alertsToSend(evt: Event): Alert[] {
  const ov = evt.Overflow;
  const alert = ov.Alert;
  if (alert === null) return [];
  const keys = Object.keys(ov.Sources);
  if (keys.length <= 1) return [alert];
  return keys.map((k) => {
    const copy = Object.assign(new Alert(), alert);
    copy.Source = ov.Sources[k] as AlertSource;
    return copy;
  });
}
