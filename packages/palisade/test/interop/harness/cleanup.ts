/**
 * A LIFO stack of clean-up steps (processes, namespaces, databases, temp dirs). `run()` executes
 * every step even when some fail, so one broken step never leaves the others behind; the errors
 * are thrown together at the end.
 */
export class Cleanup {
  #steps: { what: string; fn: () => void | Promise<void> }[] = [];

  /** Registers a step; steps run in reverse order of registration. */
  add(what: string, fn: () => void | Promise<void>): void {
    this.#steps.push({ what, fn });
  }

  /** Runs and forgets all registered steps; throws an AggregateError if any failed. */
  async run(): Promise<void> {
    const errors: Error[] = [];
    while (this.#steps.length > 0) {
      const step = this.#steps.pop() as { what: string; fn: () => void | Promise<void> };
      try {
        await step.fn();
      } catch (err) {
        errors.push(
          new Error(`clean-up '${step.what}' failed: ${err instanceof Error ? err.message : String(err)}`),
        );
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, errors.map((e) => e.message).join('; '));
  }
}
