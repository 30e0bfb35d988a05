/**
 * Hub content: the on-disk layout, loading of items with `file:line` positions, the expression
 * and grok sites they hold, and `hub lint`. (Data files live in `data-files.ts`.)
 */
export { Decoder, type Field } from './decode.ts';
export { formatLocation, HubError, type SourceLocation } from './errors.ts';
export { parseGoDuration } from './go-duration.ts';
export { type IndexItem, type IndexVersion, readHubIndex } from './index-file.ts';
export { byteCompare, ITEM_TYPES, type ItemFile, type ItemType, listItemFiles } from './layout.ts';
export {
  formatFailure,
  formatSummary,
  type LintCompilers,
  type LintFailure,
  type LintGrokHost,
  type LintReport,
  lintContent,
  lintHub,
  lintPassed,
} from './lint.ts';
export { type HubContent, type LoadedItem, type LoadHubOptions, loadHub } from './loader.ts';
export {
  type ExpectedResult,
  type ExprSite,
  type ExprSiteKind,
  type GrokHostName,
  type GrokSite,
  siteLine,
} from './sites.ts';
export { YamlSource } from './yaml-source.ts';
