/**
 * The `file` datasource (hub-compat §9): reads log files. Cat mode (read once, TIMEMACHINE
 * events) is implemented; tail mode is not yet and is refused at configure time.
 */
import { AcquisitionError } from '../../errors.ts';
import type { AcquisitionContext, DataSourceModule } from '../../types.ts';
import { type FileSourceConfig, parseFileConfig, parseFileDsn } from './config.ts';
import { FileSource, resolveFiles } from './run.ts';

export type { FileSourceConfig } from './config.ts';
export { FileSource, resolveFiles } from './run.ts';

/** The `file` datasource module. */
export const fileSource: DataSourceModule<FileSourceConfig> = {
  name: 'file',
  parseConfig: parseFileConfig,
  parseDsn: parseFileDsn,
  async configure(config: FileSourceConfig, ctx: AcquisitionContext = {}): Promise<FileSource> {
    if (config.mode !== 'cat') {
      throw new AcquisitionError('config', `${config.where}: mode`, "only 'cat' mode is available for now");
    }
    return new FileSource(config, await resolveFiles(config), ctx);
  },
};

export default fileSource;
