/**
 * Acquisition errors. Each one says where it happened: a config location (`acquis.yaml`, `-dsn`,
 * a field) or an input position (`/var/log/auth.log:1234`), so that it prints as one line.
 */

/** What went wrong, for counting and for tests. */
export type AcquisitionErrorKind =
  /** A bad config value (the message names the field). */
  | 'config'
  /** The source name is not in the registry. */
  | 'unknown-source'
  /** Reading the input failed (missing file, permission, corrupt gzip…). */
  | 'io'
  /** One line was longer than the limit and was skipped (non-fatal). */
  | 'line-too-long';

/** An acquisition problem with its location. */
export class AcquisitionError extends Error {
  readonly kind: AcquisitionErrorKind;
  /** `file`, `file:line`, `acquis.yaml: filenames`, `-dsn`… */
  readonly where: string;

  constructor(kind: AcquisitionErrorKind, where: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AcquisitionError';
    this.kind = kind;
    this.where = where;
  }

  /** `where: message`. */
  format(): string {
    return this.where === '' ? this.message : `${this.where}: ${this.message}`;
  }
}

/** Turns a Node I/O error into a one-line AcquisitionError about `path`. */
export function ioError(path: string, err: unknown): AcquisitionError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const message =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EACCES'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR'
            ? `corrupt gzip data (${err instanceof Error ? err.message : String(err)})`
            : err instanceof Error
              ? err.message
              : String(err);
  return new AcquisitionError('io', path, message, { cause: err });
}
