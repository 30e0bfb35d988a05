/**
 * The `list` and `delete` subcommands that the `bouncers` and `machines` groups share: both list
 * the rows of one table and delete rows by name, reporting the names that were not found.
 */
import type { Command } from 'commander';
import type { Store } from '../store/index.ts';
import {
  failure,
  names,
  type OutputFlags,
  outputFormat,
  type StoreFlags,
  usageError,
  withOutputOption,
  withStore,
  withStoreOptions,
} from './admin-common.ts';
import { type Field, renderRecords } from './format/output.ts';
import type { CliIo } from './io.ts';

/** How one kind of record is listed and deleted. */
export interface AdminRecordKind<T> {
  /** Singular noun in messages: 'bouncer', 'machine'. */
  readonly noun: string;
  /** Plural noun in descriptions and the empty-list line: 'bouncers', 'machines'. */
  readonly plural: string;
  /** Description of the `delete` subcommand. */
  readonly deleteDescription: string;
  /** Help text of the `<names...>` argument. */
  readonly namesHelp: string;
  readonly fields: Field<T>[];
  readonly list: (store: Store) => Promise<T[]>;
  /** Deletes the row named `name`; false when there is none. */
  readonly remove: (store: Store, name: string) => Promise<boolean>;
}

/**
 * Adds `list [-o FORMAT]` and `delete|remove NAME…` for `kind` to `group`. `delete` deletes every
 * name it can, then fails (exit 1) naming the ones that do not exist.
 */
export function addListAndDeleteCommands<T>(group: Command, io: CliIo, kind: AdminRecordKind<T>): void {
  withOutputOption(withStoreOptions(group.command('list')))
    .description(`list the ${kind.plural}`)
    .action(async (flags: StoreFlags & OutputFlags, cmd: Command) => {
      await withStore(flags, cmd, io, async (store) => {
        const rows = await kind.list(store);
        io.out(renderRecords(outputFormat(flags), kind.fields, rows, `No ${kind.plural} found.`));
      });
    });

  withStoreOptions(group.command('delete'))
    .alias('remove')
    .description(kind.deleteDescription)
    .argument('<names...>', kind.namesHelp)
    .action(async (list: string[], flags: StoreFlags, cmd: Command) => {
      const wanted = names(list);
      if (wanted.length === 0) usageError(cmd, `give at least one ${kind.noun} name`);
      await withStore(flags, cmd, io, async (store) => {
        const missing: string[] = [];
        for (const n of wanted) {
          if (await kind.remove(store, n)) io.out(`${kind.noun} '${n}' deleted\n`);
          else missing.push(n);
        }
        if (missing.length > 0) failure(io, `${kind.noun} not found: ${missing.join(', ')}`);
      });
    });
}
