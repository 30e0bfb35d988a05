/**
 * `${NAME}` expansion of a configuration file's text, as CrowdSec applies to config.yaml before
 * decoding it. Only the braced form is expanded, and only for variables that are set: an unset
 * `${NAME}` stays as written, so that a typo shows up in the value instead of an empty string.
 */

const BRACED = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** `text` with every `${NAME}` whose NAME is a key of `env` replaced by its value. */
export function expandEnv(text: string, env: Readonly<Record<string, string | undefined>>): string {
  return text.replace(BRACED, (whole, name: string) => {
    const value = Object.hasOwn(env, name) ? env[name] : undefined;
    return value === undefined ? whole : value;
  });
}
