/**
 * The registered routes, kept to answer unknown routes the way CrowdSec's router does: 405 with
 * an `Allow` header when the path exists under another method, 404 otherwise, both with an empty
 * body. Paths are matched segment by segment (`:param` matches one segment), in linear time.
 */
import type { FastifyInstance } from 'fastify';

interface Entry {
  readonly segments: readonly string[];
  readonly methods: Set<string>;
}

/** The route patterns of an app and their methods. */
export class RouteTable {
  readonly #entries = new Map<string, Entry>();

  /** Starts recording every route `app` registers from now on. */
  record(app: FastifyInstance): void {
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      let entry = this.#entries.get(route.url);
      if (!entry) {
        entry = { segments: route.url.split('/'), methods: new Set() };
        this.#entries.set(route.url, entry);
      }
      for (const m of methods) entry.methods.add(m.toUpperCase());
    });
  }

  /** Every `(method, url pattern)` pair, for tests that must cover each route. */
  routes(): { method: string; url: string }[] {
    const out: { method: string; url: string }[] = [];
    for (const [url, e] of this.#entries) for (const method of e.methods) out.push({ method, url });
    return out;
  }

  /** The methods registered for a concrete `path` (query string excluded), sorted. */
  methodsFor(path: string): string[] {
    const segments = path.split('/');
    const found = new Set<string>();
    for (const e of this.#entries.values()) {
      if (e.segments.length !== segments.length) continue;
      if (e.segments.every((s, i) => (s.startsWith(':') ? segments[i] !== '' : s === segments[i]))) {
        for (const m of e.methods) found.add(m);
      }
    }
    return [...found].sort();
  }
}
