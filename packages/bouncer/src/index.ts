/**
 * @palisade/bouncer — the remediation library. It will hold the LAPI decision-stream client,
 * the decision matcher and framework middlewares; it must never import the `palisade` package.
 */
export const BOUNCER_PACKAGE = '@palisade/bouncer';
