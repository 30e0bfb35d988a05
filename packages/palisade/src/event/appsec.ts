/**
 * Run-time `pipeline.AppsecEvent`: WAF data attached to APPSEC events. Matched rules are Go
 * `map[string]any` values (null-prototype objects); the accessors mirror CrowdSec's, returning
 * zero values instead of panicking when a rule lacks a field.
 */
import { type GoMap, newMap } from './maps.ts';

/** One matched WAF rule (`pipeline.MatchedRule`). */
export type MatchedRule = GoMap<unknown>;

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function filterRules(rules: readonly MatchedRule[], keep: (r: MatchedRule) => boolean): MatchedRule[] {
  return rules.filter(keep);
}

function field(rule: MatchedRule, key: string): unknown {
  return Object.hasOwn(rule, key) ? rule[key] : null;
}

function tagsOf(rule: MatchedRule): string[] {
  const tags = field(rule, 'tags');
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
}

/** `pipeline.AppsecEvent`. */
export class AppsecEvent {
  HasInBandMatches = false;
  HasOutBandMatches = false;
  MatchedRules: MatchedRule[] = [];
  Vars: GoMap<string> = newMap();

  GetVar(name: string): string {
    return Object.hasOwn(this.Vars, name) ? (this.Vars[name] as string) : '';
  }
  GetField(name: string): unknown[] {
    return this.MatchedRules.map((r) => field(r, name));
  }
  GetURI(): string {
    return this.first('uri');
  }
  GetHash(): string {
    return this.first('hash');
  }
  GetVersion(): string {
    return this.first('version');
  }
  GetName(): string {
    return this.first('name');
  }
  GetMethod(): string {
    return this.first('method');
  }
  GetNames(): string[] {
    return this.MatchedRules.map((r) => field(r, 'name')).filter((n): n is string => typeof n === 'string');
  }
  GetRuleIDs(): number[] {
    return this.MatchedRules.map((r) => field(r, 'id')).filter((n): n is number => typeof n === 'number');
  }
  Kinds(): string[] {
    return [...new Set(this.MatchedRules.map((r) => str(field(r, 'kind'))))];
  }
  GetMatchedZones(): string[] {
    const zones = new Set<string>();
    for (const r of this.MatchedRules) {
      const z = field(r, 'matched_zones');
      if (Array.isArray(z)) for (const v of z) if (typeof v === 'string') zones.add(v);
    }
    return [...zones];
  }
  ByID(id: number): MatchedRule[] {
    return filterRules(this.MatchedRules, (r) => field(r, 'id') === id);
  }
  ByKind(kind: string): MatchedRule[] {
    return filterRules(this.MatchedRules, (r) => field(r, 'kind') === kind);
  }
  ByTags(tags: readonly string[]): MatchedRule[] {
    return filterRules(this.MatchedRules, (r) => tagsOf(r).some((t) => tags.includes(t)));
  }
  ByTag(tag: string): MatchedRule[] {
    return filterRules(this.MatchedRules, (r) => tagsOf(r).includes(tag));
  }
  /** Rules having a tag that matches `rx` (a content-supplied regular expression). */
  ByTagRx(rx: string): MatchedRule[] {
    const re = new RegExp(rx);
    return filterRules(this.MatchedRules, (r) => tagsOf(r).some((t) => re.test(t)));
  }
  ByDisruptiveness(is: boolean): MatchedRule[] {
    return filterRules(this.MatchedRules, (r) => field(r, 'disruptive') === is);
  }
  BySeverity(severity: string): MatchedRule[] {
    return filterRules(this.MatchedRules, (r) => field(r, 'severity') === severity);
  }
  ByAccuracy(accuracy: string): MatchedRule[] {
    return filterRules(this.MatchedRules, (r) => field(r, 'accuracy') === accuracy);
  }
  /** Lowest `severity_int` among the rules (CrowdSec's "highest severity"), 255 when none. */
  GetHighestSeverity(): number {
    let best = 255;
    for (const r of this.MatchedRules) {
      const s = field(r, 'severity_int');
      if (typeof s === 'number' && s < best) best = s;
    }
    return best;
  }

  private first(key: string): string {
    const r = this.MatchedRules[0];
    return r ? str(field(r, key)) : '';
  }
}
