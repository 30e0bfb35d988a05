/**
 * XSS detection in the manner of libinjection_xss: the input is read by a small HTML tokenizer in
 * several starting contexts (text, and inside an unquoted / single-quoted / double-quoted attribute
 * value, since payloads break out of those), and flagged when it yields a dangerous tag
 * (`script`, `iframe`, `svg`, …), an event-handler attribute (`on*`), a `style` attribute, an URL
 * attribute whose value starts with `javascript:`/`vbscript:`/`data:` (ignoring the control and
 * space characters browsers skip), or a `<!ENTITY`/`<?import` construct. libinjection's exact
 * HTML5 state machine and its full blacklists are not reproduced: this is an approximation.
 */

const BAD_TAGS = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
  'svg',
  'math',
  'style',
  'link',
  'meta',
  'xss',
  'isindex',
  'form',
  'vmlframe',
  'import',
  'xml',
  'template',
  'video',
  'audio',
]);
const URL_ATTRS = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'data',
  'dynsrc',
  'lowsrc',
  'background',
  'xlink:href',
  'poster',
  'codebase',
  'from',
  'to',
  'values',
  'by',
]);

function badUrl(value: string): boolean {
  // Browsers ignore leading control chars and whitespace, and tabs/newlines inside the scheme.
  const v = value.replace(/[\x00-\x20]+/g, '').toLowerCase();
  return (
    v.startsWith('javascript:') ||
    v.startsWith('vbscript:') ||
    v.startsWith('data:') ||
    v.startsWith('livescript:')
  );
}

const TAG_NAME = /[A-Za-z][^\s/>\x00]*/y;
const ATTR_NAME = /[^\s/>=]+/y;
const BARE_VALUE = /[^\s>]*/y;

function execAt(re: RegExp, s: string, i: number): string | undefined {
  re.lastIndex = i;
  return re.exec(s)?.[0];
}

/** Scans HTML starting in text state; true when a dangerous construct is found. Linear: each
 * character is read once, the attribute scan resumes the tag scan where it stopped. */
function scanHtml(s: string): boolean {
  let i = 0;
  const n = s.length;
  while (i < n) {
    const lt = s.indexOf('<', i);
    if (lt < 0) return false;
    i = lt + 1;
    if (s[i] === '!') {
      if (/^!(entity|doctype|\[cdata)/i.test(s.slice(i, i + 10))) return true;
      continue;
    }
    if (s[i] === '?') {
      if (/^\?import/i.test(s.slice(i, i + 8))) return true;
      continue;
    }
    if (s[i] === '/') i++;
    const name = execAt(TAG_NAME, s, i);
    if (!name) continue;
    const tag = name.toLowerCase();
    if (BAD_TAGS.has(tag) || tag.includes(':')) return true;
    const r = scanAttributes(s, i + name.length);
    if (r.bad) return true;
    i = Math.max(r.end, i + name.length);
  }
  return false;
}

/** Reads attributes from `i` until `>`; `bad` when one is dangerous, `end` where reading stopped. */
function scanAttributes(s: string, i: number): { bad: boolean; end: number } {
  const n = s.length;
  for (;;) {
    while (i < n && (s[i] === '/' || /\s/.test(s[i]))) i++;
    if (i >= n || s[i] === '>') return { bad: false, end: i };
    const attr = execAt(ATTR_NAME, s, i);
    if (!attr) return { bad: false, end: i };
    const name = attr.toLowerCase();
    i += attr.length;
    while (i < n && /\s/.test(s[i])) i++;
    let value = '';
    if (s[i] === '=') {
      i++;
      while (i < n && /\s/.test(s[i])) i++;
      const q = s[i];
      if (q === '"' || q === "'" || q === '`') {
        const end = s.indexOf(q, i + 1);
        value = s.slice(i + 1, end < 0 ? n : end);
        i = end < 0 ? n : end + 1;
      } else {
        value = execAt(BARE_VALUE, s, i) ?? '';
        i += value.length;
      }
    }
    if (name.startsWith('on') && name.length > 2) return { bad: true, end: i };
    if (name === 'style') return { bad: true, end: i };
    if (URL_ATTRS.has(name) && badUrl(value)) return { bad: true, end: i };
  }
}

/** libinjection `libinjection_xss` approximation. */
export function isXss(input: string): boolean {
  if (input.length === 0) return false;
  const s = input.length > 8192 ? input.slice(0, 8192) : input;
  if (scanHtml(s)) return true;
  // Inside an attribute value: the payload ends the value and continues with attributes or tags.
  if (scanAttributes(`x=${s}`, 0).bad || scanHtml(`<x a=${s}`)) return true;
  if (s.includes("'") && scanHtml(`<x a='${s}`)) return true;
  if (s.includes('"') && scanHtml(`<x a="${s}`)) return true;
  if (badUrl(s)) return true;
  return false;
}
