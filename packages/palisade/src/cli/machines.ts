/**
 * `palisade machines …`: the machines (agents, log processors) allowed to log in to the LAPI,
 * managed directly in the database like `cscli machines`.
 *
 *   palisade machines add NAME (--password P | --auto) [--force] [-f FILE] [--url URL]
 *   palisade machines list [-o human|json|raw]
 *   palisade machines delete NAME…
 *   palisade machines validate NAME
 *
 * Machines added here are validated at once (an admin adding one vouches for it); machines that
 * registered themselves over `POST /v1/watchers` wait for `validate`.
 */
import { randomInt } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import type { MachineRecord } from '../store/index.ts';
import {
  type AdminDeps,
  adminGroup,
  failure,
  nameProblem,
  type StoreFlags,
  usageError,
  withStore,
  withStoreOptions,
} from './admin-common.ts';
import { addListAndDeleteCommands } from './admin-record-commands.ts';
import { dateField, type Field } from './format/output.ts';
import type { CliIo } from './io.ts';

const PASSWORD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Length of a generated password (cscli generates 64 characters as well). */
const GENERATED_PASSWORD_LENGTH = 64;
/** bcrypt only looks at the first 72 bytes; Go refuses longer passwords, so do we. */
const MAX_PASSWORD_BYTES = 72;

interface AddFlags extends StoreFlags {
  password?: string;
  auto?: boolean;
  force?: boolean;
  file?: string;
  url?: string;
}

/** Adds the `machines` command group to `program`. */
export function registerMachinesCommands(program: Command, io: CliIo, _deps: AdminDeps = {}): void {
  const machines = adminGroup(
    program,
    'machines',
    'manage the machines (agents) allowed to use the Local API, in the database',
  );

  withStoreOptions(machines.command('add'))
    .description('add a validated machine with a password (given or generated)')
    .argument('<name>', 'machine id (login)')
    .option('-p, --password <password>', 'the password (visible in the process list: prefer --auto)')
    .option('-a, --auto', 'generate a random password and print it once')
    .option('--force', 'replace the machine if it already exists')
    .option(
      '-f, --file <file>',
      "write the agent's credentials YAML (url, login, password) here ('-' for stdout)",
    )
    .option(
      '-u, --url <url>',
      'LAPI URL written in the credentials file (default: from api.server.listen_uri)',
    )
    .action(async (name: string, flags: AddFlags, cmd: Command) => addMachine(name, flags, cmd, io));

  addListAndDeleteCommands(machines, io, {
    noun: 'machine',
    plural: 'machines',
    deleteDescription: 'delete machines',
    namesHelp: 'machine ids',
    fields: MACHINE_FIELDS,
    list: (store) => store.listMachines(),
    remove: (store, name) => store.deleteMachine(name),
  });

  withStoreOptions(machines.command('validate'))
    .description('validate a machine that registered itself, so it can log in')
    .argument('<name>', 'machine id')
    .action(async (name: string, flags: StoreFlags, cmd: Command) => {
      await withStore(flags, cmd, io, async (store) => {
        if (!(await store.validateMachine(name))) failure(io, `machine not found: ${name}`);
        io.out(`machine '${name}' validated\n`);
      });
    });
}

async function addMachine(name: string, flags: AddFlags, cmd: Command, io: CliIo): Promise<void> {
  const bad = nameProblem('machine', name);
  if (bad) usageError(cmd, `<name>: ${bad}`);
  if (flags.password !== undefined && flags.auto)
    usageError(cmd, '--password and --auto cannot be used together');
  if (flags.password === undefined && !flags.auto) {
    usageError(cmd, 'give --password P or --auto (generate one); there is no interactive prompt');
  }
  if (flags.password !== undefined) {
    if (flags.password === '') usageError(cmd, '--password: empty password');
    if (Buffer.byteLength(flags.password) > MAX_PASSWORD_BYTES) {
      usageError(cmd, `--password: longer than ${MAX_PASSWORD_BYTES} bytes (bcrypt would ignore the rest)`);
    }
  }
  if (flags.file === '') usageError(cmd, '-f/--file: empty path');
  const password = flags.password ?? generatePassword();
  await withStore(flags, cmd, io, async (store, config) => {
    const existing = await store.getMachine(name);
    if (existing && !flags.force) failure(io, `machine '${name}' already exists (use --force to replace it)`);
    await store.createMachine({
      machineId: name,
      password,
      isValidated: true,
      authType: 'password',
      force: flags.force === true,
    });
    const url = flags.url ?? `http://${config.api.server.listenUri}/`;
    const credentials = stringify({ url, login: name, password });
    if (flags.file === '-') io.out(credentials);
    else {
      io.out(`machine '${name}' ${existing ? 'replaced' : 'added'}\n`);
      if (flags.auto && flags.file === undefined) {
        io.out(`password: ${password}\n`);
        io.err('warning: the password is shown once; it is stored only as a bcrypt hash\n');
      }
    }
    if (flags.file !== undefined && flags.file !== '-') {
      try {
        writeFileSync(flags.file, credentials, { mode: 0o600 });
      } catch (err) {
        failure(io, `-f/--file: cannot write ${flags.file}: ${(err as NodeJS.ErrnoException).code ?? err}`);
      }
      io.out(`API credentials written to '${flags.file}'\n`);
    }
  });
}

/** A password of letters and digits from the CSPRNG (unbiased: randomInt rejects skew). */
function generatePassword(): string {
  let out = '';
  for (let i = 0; i < GENERATED_PASSWORD_LENGTH; i++)
    out += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return out;
}

const MACHINE_FIELDS: Field<MachineRecord>[] = [
  { header: 'Name', key: 'machine_id', text: (m) => m.machineId },
  { header: 'IP Address', key: 'ip_address', text: (m) => m.ipAddress },
  dateField('Last Update', 'updated_at', (m) => m.updatedAt),
  {
    header: 'Status',
    key: 'is_validated',
    text: (m) => (m.isValidated ? 'validated' : 'pending'),
    json: (m) => m.isValidated,
    raw: (m) => String(m.isValidated),
  },
  { header: 'Version', key: 'version', text: (m) => m.version },
  { header: 'OS', key: 'os', text: (m) => [m.osName, m.osVersion].filter((s) => s !== '').join('/') },
  { header: 'Auth Type', key: 'auth_type', text: (m) => m.authType },
  dateField('Last Heartbeat', 'last_heartbeat', (m) => m.lastHeartbeat),
  dateField('Last Push', 'last_push', (m) => m.lastPush, true),
  dateField('Created', 'created_at', (m) => m.createdAt, true),
];
