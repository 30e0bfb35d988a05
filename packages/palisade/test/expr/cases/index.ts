import { access } from './access.ts';
import { arithmetic } from './arithmetic.ts';
import { builtinsArray } from './builtins-array.ts';
import { builtinsMisc } from './builtins-misc.ts';
import { builtinsNumber } from './builtins-number.ts';
import { builtinsString } from './builtins-string.ts';
import { closures } from './closures.ts';
import { comparison } from './comparison.ts';
import { control } from './control.ts';
import { crowdsec } from './crowdsec.ts';
import { errorsCompile } from './errors-compile.ts';
import { errorsRuntime } from './errors-runtime.ts';
import { goSemantics } from './go-semantics.ts';
import { literals } from './literals.ts';
import { logical } from './logical.ts';
import { membership } from './membership.ts';
import { strings } from './strings.ts';
import type { CaseGroup } from './types.ts';

/** Every group of conformance cases, in reading order. */
export const caseGroups: readonly CaseGroup[] = [
  literals,
  arithmetic,
  comparison,
  strings,
  logical,
  membership,
  access,
  control,
  closures,
  builtinsArray,
  builtinsString,
  builtinsNumber,
  builtinsMisc,
  crowdsec,
  goSemantics,
  errorsCompile,
  errorsRuntime,
];
