/**
 * Time formats of the LAPI's answers: RFC 3339 at second precision in UTC for alerts and token
 * expiry, and Go's `Time.String()` form (`2024-01-02 03:04:05 +0000 UTC`) for event timestamps
 * in `GET /v1/alerts`, a quirk clients display as is.
 */

/** `2026-01-01T10:00:02Z` (milliseconds dropped). */
export function rfc3339Seconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Go's `time.Time.String()` of a UTC time: `2024-01-02 03:04:05.5 +0000 UTC`. */
export function goTimeString(ms: number): string {
  const iso = new Date(ms).toISOString();
  const base = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  const frac = iso.slice(20, 23).replace(/0+$/, '');
  return `${base}${frac ? `.${frac}` : ''} +0000 UTC`;
}

/**
 * Parses an RFC 3339 timestamp (fractional seconds allowed, as the agent sends RFC3339Nano).
 * Returns epoch ms, or undefined when the text is not RFC 3339.
 */
export function parseRfc3339(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/.exec(
    text,
  );
  if (!m) return undefined;
  const frac = m[7] ? Number(`0${m[7]}`) * 1000 : 0;
  const zone = m[8] === 'Z' || m[8] === 'z' ? 'Z' : m[8];
  const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`);
  if (Number.isNaN(ms)) return undefined;
  return ms + Math.floor(frac);
}
