/**
 * Grok: named, composable regexps as CrowdSec uses them (`%{IP:source_ip}`), with RE2 semantics
 * on top of native ECMAScript regexps (see ../regex).
 */
export { BASE_PATTERNS } from './base-patterns.ts';
export { GrokError, type GrokOrigin } from './errors.ts';
export { type GrokDefinition, PatternHost } from './host.ts';
export { type GrokBindings, GrokPattern } from './pattern.ts';
export { countCaptureGroups, type GrokReference, type SplitGrok, splitReferences } from './references.ts';
