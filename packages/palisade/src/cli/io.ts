/**
 * Where CLI commands write. Injected so that tests can run commands in-process and read what
 * they printed; the default writes to the process streams.
 */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** Writes to `process.stdout` / `process.stderr`. */
export const processIo: CliIo = {
  out: (text) => {
    process.stdout.write(text);
  },
  err: (text) => {
    process.stderr.write(text);
  },
};
