/**
 * `palisade bouncers …`: the remediation components (bouncers) allowed to read decisions,
 * managed directly in the database like `cscli bouncers`.
 *
 *   palisade bouncers add NAME [--key K]
 *   palisade bouncers list [-o human|json|raw]
 *   palisade bouncers delete NAME…
 *
 * Only the SHA-512 of an API key is stored: the key is printed once by `add` and cannot be shown
 * again. A generated key is base64 of 32 random bytes without padding (43 characters), like
 * cscli's, so existing bouncer configurations accept it.
 */
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import type { BouncerRecord } from '../store/index.ts';
import {
  type AdminDeps,
  adminGroup,
  failure,
  nameProblem,
  outputFormat,
  type StoreFlags,
  usageError,
  withOutputOption,
  withStore,
  withStoreOptions,
} from './admin-common.ts';
import { addListAndDeleteCommands } from './admin-record-commands.ts';
import { dateField, type Field } from './format/output.ts';
import type { CliIo } from './io.ts';

interface AddFlags extends StoreFlags {
  key?: string;
  output: string;
}

/** Adds the `bouncers` command group to `program`. */
export function registerBouncersCommands(program: Command, io: CliIo, _deps: AdminDeps = {}): void {
  const bouncers = adminGroup(
    program,
    'bouncers',
    'manage the bouncers (remediation components) allowed to read decisions, in the database',
  );

  withOutputOption(withStoreOptions(bouncers.command('add')))
    .description('add a bouncer and print its API key (once)')
    .argument('<name>', 'bouncer name')
    .option('-k, --key <key>', 'use this API key instead of generating one')
    .action(async (name: string, flags: AddFlags, cmd: Command) => {
      const bad = nameProblem('bouncer', name);
      if (bad) usageError(cmd, `<name>: ${bad}`);
      if (flags.key !== undefined && (flags.key === '' || /[\s\u0000-\u001f\u007f]/.test(flags.key))) {
        usageError(cmd, '--key: the key must be non-empty, without spaces or control characters');
      }
      const key = flags.key ?? generateApiKey();
      await withStore(flags, cmd, io, async (store) => {
        if (await store.getBouncer(name)) failure(io, `bouncer '${name}' already exists`);
        await store.createBouncer({ name, apiKey: key, authType: 'api-key' });
        const format = outputFormat(flags);
        if (format === 'json') io.out(`${JSON.stringify({ name, api_key: key }, null, 2)}\n`);
        else if (format === 'raw') io.out(`${key}\n`);
        else io.out(`API key for '${name}':\n\n   ${key}\n\n`);
        io.err('warning: keep this API key now: it is stored only as a hash and cannot be shown again\n');
      });
    });

  addListAndDeleteCommands(bouncers, io, {
    noun: 'bouncer',
    plural: 'bouncers',
    deleteDescription: 'delete bouncers (rows auto-created per IP, NAME@IP, are separate names)',
    namesHelp: 'bouncer names',
    fields: BOUNCER_FIELDS,
    list: (store) => store.listBouncers(),
    remove: (store, name) => store.deleteBouncer(name),
  });
}

/** base64 of 32 bytes from the CSPRNG, without `=` padding: 43 characters, as cscli generates. */
export function generateApiKey(): string {
  return randomBytes(32).toString('base64').replace(/=+$/, '');
}

const BOUNCER_FIELDS: Field<BouncerRecord>[] = [
  { header: 'Name', key: 'name', text: (b) => b.name },
  { header: 'IP Address', key: 'ip_address', text: (b) => b.ipAddress },
  dateField('Last API pull', 'last_pull', (b) => b.lastPull),
  { header: 'Type', key: 'type', text: (b) => b.type },
  { header: 'Version', key: 'version', text: (b) => b.version },
  { header: 'Auth Type', key: 'auth_type', text: (b) => b.authType },
  {
    header: 'Auto',
    key: 'auto_created',
    text: (b) => (b.autoCreated ? 'yes' : ''),
    json: (b) => b.autoCreated,
    raw: (b) => String(b.autoCreated),
  },
  dateField('Created', 'created_at', (b) => b.createdAt, true),
];
