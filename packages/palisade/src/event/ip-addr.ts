/**
 * A minimal run-time `netip.Addr`, returned by `Event.ParseIPSources()`. Parsing is strict like
 * Go's `netip.ParseAddr` as far as Node's `net.isIP` goes (no leading-zero octets, no CIDR).
 */
import { isIPv4, isIPv6 } from 'node:net';

const V4_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/** An IP address as Go's `netip.Addr` exposes it to expressions. */
export class IpAddr {
  readonly text: string;
  readonly v6: boolean;

  private constructor(text: string, v6: boolean) {
    this.text = text;
    this.v6 = v6;
  }

  /** Parses `s`, or returns undefined when it is not an IP address. */
  static parse(s: string): IpAddr | undefined {
    if (isIPv4(s)) return new IpAddr(s, false);
    if (isIPv6(s)) return new IpAddr(s, true);
    return undefined;
  }

  String(): string {
    return this.text;
  }
  Is4(): boolean {
    return !this.v6;
  }
  Is6(): boolean {
    return this.v6;
  }
  Is4In6(): boolean {
    return this.v6 && V4_MAPPED.test(this.text);
  }
  IsValid(): boolean {
    return true;
  }
  BitLen(): number {
    return this.v6 ? 128 : 32;
  }
  Zone(): string {
    const i = this.text.indexOf('%');
    return i < 0 ? '' : this.text.slice(i + 1);
  }
  IsLoopback(): boolean {
    return this.v6 ? this.text === '::1' : this.text.startsWith('127.');
  }
  IsUnspecified(): boolean {
    return this.v6 ? this.text === '::' : this.text === '0.0.0.0';
  }
}
