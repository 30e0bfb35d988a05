/**
 * How `alerts delete` and `decisions delete` choose what to delete: exactly one of `--id N`,
 * `--all`, or at least one filter flag, with the same usage errors and result lines for both.
 */
import type { Command } from 'commander';
import type { Store } from '../store/index.ts';
import { failure, type StoreFlags, usageError, withStore } from './admin-common.ts';
import type { CliIo } from './io.ts';

/** The flags every such `delete` has besides its filters. */
export interface DeleteSelectionFlags extends StoreFlags {
  id?: string;
  all?: boolean;
}

/** What is deleted, and how. */
export interface DeleteTarget {
  /** Singular noun of the rows: 'alert', 'decision'. */
  readonly noun: string;
  /** Whether any filter flag was given. */
  readonly filtered: boolean;
  /** The filter flags listed in the error when nothing was selected: '--ip, --range, …'. */
  readonly filterHint: string;
  /** Deletes the row with this id; false when there is none. */
  readonly deleteById: (store: Store, id: number) => Promise<boolean>;
  /**
   * Builds the deletion of every row (`all`) or of the filtered ones, returning how many it deleted.
   * Called before the store is opened, so it may still reject its flags with a usage error.
   */
  readonly prepareBulk: (all: boolean) => (store: Store) => Promise<number>;
}

/**
 * Runs a `delete` for `flags`: usage error (exit 2) when `--id` is combined with anything, when
 * `--all` is combined with filters, or when nothing is selected; failure (exit 1) for an unknown id.
 * Prints `1 alert deleted` / `N alerts deleted`.
 */
export async function runDelete(
  flags: DeleteSelectionFlags,
  cmd: Command,
  io: CliIo,
  target: DeleteTarget,
): Promise<void> {
  const { noun, filtered } = target;
  if (flags.id !== undefined) {
    if (flags.all || filtered) usageError(cmd, '--id cannot be combined with --all or filters');
    if (!/^\d{1,15}$/.test(flags.id))
      usageError(cmd, `--id: '${flags.id}' is not ${article(noun)} ${noun} id`);
    await withStore(flags, cmd, io, async (store) => {
      if (!(await target.deleteById(store, Number(flags.id)))) failure(io, `${noun} ${flags.id} not found`);
      io.out(`1 ${noun} deleted\n`);
    });
    return;
  }
  if (flags.all && filtered) usageError(cmd, '--all cannot be combined with filters');
  if (!flags.all && !filtered)
    usageError(cmd, `give --id, --all, or at least one filter (${target.filterHint})`);
  const bulk = target.prepareBulk(flags.all === true);
  await withStore(flags, cmd, io, async (store) => {
    const n = await bulk(store);
    io.out(`${n} ${noun}${n === 1 ? '' : 's'} deleted\n`);
  });
}

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? 'an' : 'a';
}
