/**
 * A small sshd brute-force log in Debian's syslog (RFC 3164) format, timestamped "now" so the
 * decision the LAPI derives from it (until = alert stop_at + 4h) is still active.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Mmm dd HH:MM:SS` in local time, as syslog writes it (the agent reads it in local time too). */
export function syslogTimestamp(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, ' ');
  return `${MONTHS[date.getMonth()]} ${day} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/**
 * `count` failed root logins from `attackerIp`, one per second, ending at `end`; one benign
 * accepted login from another address in the middle (it must not be banned).
 */
export function sshdBruteForceLog(
  attackerIp: string,
  options: { count?: number; end?: Date; benignIp?: string } = {},
): string {
  const count = options.count ?? 10;
  const end = (options.end ?? new Date()).getTime();
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const at = new Date(end - (count - 1 - i) * 1000);
    const pid = 4100 + i;
    lines.push(
      `${syslogTimestamp(at)} srv01 sshd[${pid}]: Failed password for root from ${attackerIp} port ${41000 + i} ssh2`,
    );
    if (i === Math.floor(count / 2) && options.benignIp) {
      lines.push(
        `${syslogTimestamp(at)} srv01 sshd[${pid + 50}]: Accepted publickey for admin from ${options.benignIp} port 50022 ssh2: ED25519 SHA256:interop`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
