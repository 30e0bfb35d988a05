/**
 * Small helpers to validate decoded JSON bodies field by field. Each failure is recorded with
 * the path of the field (`[0].source.scope`), so the 400 answer says exactly what is wrong.
 * Only own properties are read, so a body key like `__proto__` can never reach a prototype.
 */

/** Collects field errors under a path prefix. */
export class BodyCheck {
  readonly errors: string[] = [];

  /** Records `message` about `path`. */
  fail(path: string, message: string): void {
    // Keep the answer short even for a body with thousands of bad items.
    if (this.errors.length < 20) this.errors.push(`${path}: ${message}`);
  }

  /** Records a message that names its field itself (go-swagger style: `x in body is required`). */
  note(message: string): void {
    if (this.errors.length < 20) this.errors.push(message);
  }

  /** `v` as a plain object, or null (recorded) when it is not one. */
  object(v: unknown, path: string): Record<string, unknown> | null {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    this.fail(path, v === undefined ? 'is required' : `expected an object, found ${kind(v)}`);
    return null;
  }

  /** A string field; `required` ⇒ absent/null is an error; returns '' when missing. */
  string(o: Record<string, unknown>, key: string, path: string, required: boolean): string {
    const v = own(o, key);
    if (v === undefined || v === null) {
      if (required) this.fail(join(path, key), 'is required');
      return '';
    }
    if (typeof v !== 'string') {
      this.fail(join(path, key), `expected a string, found ${kind(v)}`);
      return '';
    }
    return v;
  }

  /** A boolean field; returns false when missing. */
  bool(o: Record<string, unknown>, key: string, path: string, required: boolean): boolean {
    const v = own(o, key);
    if (v === undefined || v === null) {
      if (required) this.fail(join(path, key), 'is required');
      return false;
    }
    if (typeof v !== 'boolean') {
      this.fail(join(path, key), `expected a boolean, found ${kind(v)}`);
      return false;
    }
    return v;
  }

  /** An integer field within [min, max]; returns 0 when missing. */
  int(
    o: Record<string, unknown>,
    key: string,
    path: string,
    required: boolean,
    min: number,
    max: number,
  ): number {
    const v = own(o, key);
    if (v === undefined || v === null) {
      if (required) this.fail(join(path, key), 'is required');
      return 0;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.fail(join(path, key), `expected an integer between ${min} and ${max}, found ${kind(v)}`);
      return 0;
    }
    return v;
  }

  /** A number field; returns undefined when missing. */
  number(o: Record<string, unknown>, key: string, path: string): number | undefined {
    const v = own(o, key);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.fail(join(path, key), `expected a number, found ${kind(v)}`);
      return undefined;
    }
    return v;
  }

  /** An array field; `required` ⇒ absent/null is an error; returns [] when missing. */
  array(o: Record<string, unknown>, key: string, path: string, required: boolean): unknown[] {
    const v = own(o, key);
    if (v === undefined || v === null) {
      if (required) this.fail(join(path, key), 'is required');
      return [];
    }
    if (!Array.isArray(v)) {
      this.fail(join(path, key), `expected an array, found ${kind(v)}`);
      return [];
    }
    return v;
  }

  /** An array of strings. */
  stringArray(o: Record<string, unknown>, key: string, path: string): string[] {
    const out: string[] = [];
    this.array(o, key, path, false).forEach((item, i) => {
      if (typeof item === 'string') out.push(item);
      else this.fail(`${join(path, key)}[${i}]`, `expected a string, found ${kind(item)}`);
    });
    return out;
  }

  /** An object of string values (metric labels). */
  stringMap(o: Record<string, unknown>, key: string, path: string): Record<string, string> {
    const v = own(o, key);
    const out: Record<string, string> = {};
    if (v === undefined || v === null) return out;
    const obj = this.object(v, join(path, key));
    if (obj === null) return out;
    for (const [k, val] of Object.entries(obj)) {
      if (typeof val === 'string') out[k] = val;
      else this.fail(`${join(path, key)}.${k}`, `expected a string, found ${kind(val)}`);
    }
    return out;
  }
}

/** The own property `key` of `o` (never an inherited one). */
export function own(o: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

/** `path.key`, or `key` when the path is empty. */
export function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** A short description of a JSON value's type, for messages. */
export function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number';
  return `a ${typeof v}`;
}
