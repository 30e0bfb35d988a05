/**
 * The built-in grok library CrowdSec compiles into its binary: grokky's base set (v0.2.2), which
 * adapts the classic Logstash grok library to RE2. These definitions exist before any pattern file
 * or `pattern_syntax` entry, in this order (each may only reference names defined above it).
 *
 * They must behave exactly like grokky's, down to alternation order and top-level alternations:
 * a reference is wrapped in a capturing group, so `MONTH`'s leading `\b` only guards its first
 * alternative and `IPV4`'s octet prefers `25[0-5]` over a shorter `[01]?[0-9][0-9]?` (which
 * decides whether `%{IP}.*` captures `1.2.3.253` or `1.2.3.25`). Names absent from grokky (HOST,
 * RFC822…) are absent here too, so a hub pattern using them fails to load as it does in CrowdSec.
 * Written for Palisade; the regexps are the well-known grok ones.
 */

/** One IPv4 octet, longest alternatives first. */
const OCTET = '(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)';
/** The IPv4 tail an IPv6 address may embed (its own groups capture, as in grokky). */
const OCTET_V6 = String.raw`(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
const IPV4_IN_V6 = `(${OCTET_V6}(\\.${OCTET_V6}){3})`;
const H16 = '[0-9A-Fa-f]{1,4}';

/**
 * IPv6 in all its compressed forms, optionally with an embedded IPv4 and a `%zone`: one branch per
 * number of leading 16-bit groups (7 down to 0), then what may follow `::`.
 */
const IPV6 =
  `(((${H16}:){7}(${H16}|:))` +
  `|((${H16}:){6}(:${H16}|${IPV4_IN_V6}|:))` +
  `|((${H16}:){5}(((:${H16}){1,2})|:${IPV4_IN_V6}|:))` +
  `|((${H16}:){4}(((:${H16}){1,3})|((:${H16})?:${IPV4_IN_V6})|:))` +
  `|((${H16}:){3}(((:${H16}){1,4})|((:${H16}){0,2}:${IPV4_IN_V6})|:))` +
  `|((${H16}:){2}(((:${H16}){1,5})|((:${H16}){0,3}:${IPV4_IN_V6})|:))` +
  `|((${H16}:){1}(((:${H16}){1,6})|((:${H16}){0,4}:${IPV4_IN_V6})|:))` +
  `|(:(((:${H16}){1,7})|((:${H16}){0,5}:${IPV4_IN_V6})|:)))(%.+)?`;

/** Month names (English and German spellings); a top-level alternation, `\b` at both ends only. */
const MONTH = [
  String.raw`\bJan(?:uary|uar)?`,
  'Feb(?:ruary|ruar)?',
  'M(?:a|ä)?r(?:ch|z)?',
  'Apr(?:il)?',
  'Ma(?:y|i)?',
  'Jun(?:e|i)?',
  'Jul(?:y)?',
  'Aug(?:ust)?',
  'Sep(?:tember)?',
  'O(?:c|k)?t(?:ober)?',
  'Nov(?:ember)?',
  String.raw`De(?:c|z)(?:ember)?\b`,
].join('|');

const LOGLEVEL = [
  '[Aa]lert|ALERT',
  '[Tt]race|TRACE',
  '[Dd]ebug|DEBUG',
  '[Nn]otice|NOTICE',
  '[Ii]nfo|INFO',
  '[Ww]arn?(?:ing)?|WARN?(?:ING)?',
  '[Ee]rr?(?:or)?|ERR?(?:OR)?',
  '[Cc]rit?(?:ical)?|CRIT?(?:ICAL)?',
  '[Ff]atal|FATAL',
  '[Ss]evere|SEVERE',
  'EMERG(?:ENCY)?|[Ee]merg(?:ency)?',
].join('|');

/** [name, grok pattern] in definition order. */
export const BASE_PATTERNS: readonly (readonly [string, string])[] = [
  ['USERNAME', '[a-zA-Z0-9._-]+'],
  ['USER', '%{USERNAME}'],
  // `+-=` is a range (U+002B-U+003D), as in grokky: it also admits `,-./0-9;<`.
  ['EMAILLOCALPART', '[a-zA-Z0-9_.+-=:]+'],
  ['HOSTNAME', String.raw`\b[0-9A-Za-z][0-9A-Za-z-]{0,62}(?:\.[0-9A-Za-z][0-9A-Za-z-]{0,62})*(\.?|\b)`],
  ['EMAILADDRESS', '%{EMAILLOCALPART}@%{HOSTNAME}'],
  ['HTTPDUSER', '%{EMAILADDRESS}|%{USER}'],
  ['INT', '[+-]?(?:[0-9]+)'],
  ['BASE10NUM', String.raw`[+-]?(?:(?:[0-9]+(?:\.[0-9]+)?)|(?:\.[0-9]+))`],
  ['NUMBER', '%{BASE10NUM}'],
  ['BASE16NUM', '[+-]?(?:0x)?(?:[0-9A-Fa-f]+)'],
  ['BASE16FLOAT', String.raw`\b[+-]?(?:0x)?(?:(?:[0-9A-Fa-f]+(?:\.[0-9A-Fa-f]*)?)|(?:\.[0-9A-Fa-f]+))\b`],
  ['POSINT', String.raw`\b[1-9][0-9]*\b`],
  ['NONNEGINT', String.raw`\b[0-9]+\b`],
  ['WORD', String.raw`\b\w+\b`],
  ['NOTSPACE', String.raw`\S+`],
  ['SPACE', String.raw`\s*`],
  ['DATA', '.*?'],
  ['GREEDYDATA', '.*'],
  ['QUOTEDSTRING', String.raw`("(\\.|[^\\"]+)+")|""|('(\\.|[^\\']+)+')|''|` + '(`(\\\\.|[^\\\\`]+)+`)|``'],
  ['UUID', '[A-Fa-f0-9]{8}-(?:[A-Fa-f0-9]{4}-){3}[A-Fa-f0-9]{12}'],
  // Networking
  ['CISCOMAC', String.raw`(?:[A-Fa-f0-9]{4}\.){2}[A-Fa-f0-9]{4}`],
  ['WINDOWSMAC', '(?:[A-Fa-f0-9]{2}-){5}[A-Fa-f0-9]{2}'],
  ['COMMONMAC', '(?:[A-Fa-f0-9]{2}:){5}[A-Fa-f0-9]{2}'],
  ['MAC', '%{CISCOMAC}|%{WINDOWSMAC}|%{COMMONMAC}'],
  ['IPV6', IPV6],
  ['IPV4', String.raw`(?:${OCTET}\.){3}${OCTET}`],
  ['IP', '%{IPV6}|%{IPV4}'],
  ['IPORHOST', '%{IP}|%{HOSTNAME}'],
  ['HOSTPORT', '%{IPORHOST}:%{POSINT}'],
  // Paths
  ['UNIXPATH', String.raw`(/([\w_%!$@:.,~-]+|\\.)*)+`],
  ['TTY', String.raw`/dev/(pts|tty([pq])?)(\w+)?/?(?:[0-9]+)`],
  ['WINPATH', String.raw`(?:[A-Za-z]+:|\\)(?:\\[^\\?*]*)+`],
  ['PATH', '%{UNIXPATH}|%{WINPATH}'],
  ['URIPROTO', String.raw`[A-Za-z]+(\+[A-Za-z+]+)?`],
  ['URIHOST', '%{IPORHOST}(?::%{POSINT:port})?'],
  ['URIPATH', String.raw`(?:/[A-Za-z0-9$.+!*'(){},~:;=@#%_\-]*)+`],
  ['URIPARAM', String.raw`\?[A-Za-z0-9$.+!*'|(){},~@#%&/=:;_?\-\[\]<>]*`],
  ['URIPATHPARAM', '%{URIPATH}(?:%{URIPARAM})?'],
  ['URI', '%{URIPROTO}://(?:%{USER}(?::[^@]*)?@)?(?:%{URIHOST})?(?:%{URIPATHPARAM})?'],
  // Dates and times
  ['MONTH', MONTH],
  ['MONTHNUM', '0?[1-9]|1[0-2]'],
  ['MONTHNUM2', '0[1-9]|1[0-2]'],
  ['MONTHDAY', '(?:0[1-9])|(?:[12][0-9])|(?:3[01])|[1-9]'],
  ['DAY', 'Mon(?:day)?|Tue(?:sday)?|Wed(?:nesday)?|Thu(?:rsday)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?'],
  ['YEAR', String.raw`(?:\d\d){1,2}`],
  ['HOUR', '2[0123]|[01]?[0-9]'],
  ['MINUTE', '[0-5][0-9]'],
  // 60: leap second.
  ['SECOND', '(?:[0-5]?[0-9]|60)(?:[:.,][0-9]+)?'],
  ['TIME', '%{HOUR}:%{MINUTE}:%{SECOND}'],
  ['DATE_US', '%{MONTHNUM}[/-]%{MONTHDAY}[/-]%{YEAR}'],
  ['DATE_EU', '%{MONTHDAY}[./-]%{MONTHNUM}[./-]%{YEAR}'],
  ['DATE_X', '%{YEAR}/%{MONTHNUM2}/%{MONTHDAY}'],
  ['ISO8601_TIMEZONE', 'Z|[+-]%{HOUR}(?::?%{MINUTE})'],
  ['ISO8601_SECOND', '%{SECOND}|60'],
  [
    'TIMESTAMP_ISO8601',
    '%{YEAR}-%{MONTHNUM}-%{MONTHDAY}[T ]%{HOUR}:?%{MINUTE}(?::?%{SECOND})?%{ISO8601_TIMEZONE}?',
  ],
  ['DATE', '%{DATE_US}|%{DATE_EU}|%{DATE_X}'],
  ['DATESTAMP', '%{DATE}[- ]%{TIME}'],
  ['TZ', '[A-Z]{3}'],
  ['NUMTZ', String.raw`[+-]\d{4}`],
  ['DATESTAMP_RFC822', '%{DAY} %{MONTH} %{MONTHDAY} %{YEAR} %{TIME} %{TZ}'],
  ['DATESTAMP_RFC2822', '%{DAY}, %{MONTHDAY} %{MONTH} %{YEAR} %{TIME} %{ISO8601_TIMEZONE}'],
  ['DATESTAMP_OTHER', '%{DAY} %{MONTH} %{MONTHDAY} %{TIME} %{TZ} %{YEAR}'],
  ['DATESTAMP_EVENTLOG', '%{YEAR}%{MONTHNUM2}%{MONTHDAY}%{HOUR}%{MINUTE}%{SECOND}'],
  ['HTTPDERROR_DATE', '%{DAY} %{MONTH} %{MONTHDAY} %{TIME} %{YEAR}'],
  // Go time layouts (time.ANSIC … time.Kitchen). ANSIC really ends with a `"` in grokky, and
  // there is no RFC822 (only RFC822Z).
  ['ANSIC', String.raw`%{DAY} %{MONTH} [_123]\d %{TIME} %{YEAR}"`],
  ['UNIXDATE', String.raw`%{DAY} %{MONTH} [_123]\d %{TIME} %{TZ} %{YEAR}`],
  ['RUBYDATE', String.raw`%{DAY} %{MONTH} [0-3]\d %{TIME} %{NUMTZ} %{YEAR}`],
  ['RFC822Z', String.raw`[0-3]\d %{MONTH} %{YEAR} %{TIME} %{NUMTZ}`],
  ['RFC850', String.raw`%{DAY}, [0-3]\d-%{MONTH}-%{YEAR} %{TIME} %{TZ}`],
  ['RFC1123', String.raw`%{DAY}, [0-3]\d %{MONTH} %{YEAR} %{TIME} %{TZ}`],
  ['RFC1123Z', String.raw`%{DAY}, [0-3]\d %{MONTH} %{YEAR} %{TIME} %{NUMTZ}`],
  ['RFC3339', String.raw`%{YEAR}-[01]\d-[0-3]\dT%{TIME}%{ISO8601_TIMEZONE}`],
  ['RFC3339NANO', String.raw`%{YEAR}-[01]\d-[0-3]\dT%{TIME}\.\d{9}%{ISO8601_TIMEZONE}`],
  ['KITCHEN', String.raw`\d{1,2}:\d{2}(AM|PM|am|pm)`],
  // Syslog
  ['SYSLOGTIMESTAMP', '%{MONTH} +%{MONTHDAY} %{TIME}'],
  ['PROG', String.raw`[\x21-\x5a\x5c\x5e-\x7e]+`],
  ['SYSLOGPROG', String.raw`%{PROG:program}(?:\[%{POSINT:pid}\])?`],
  ['SYSLOGHOST', '%{IPORHOST}'],
  ['SYSLOGFACILITY', '<%{NONNEGINT:facility}.%{NONNEGINT:priority}>'],
  ['HTTPDATE', '%{MONTHDAY}/%{MONTH}/%{YEAR}:%{TIME} %{INT}'],
  ['QS', '%{QUOTEDSTRING}'],
  ['LOGLEVEL', LOGLEVEL],
  // Log formats
  [
    'SYSLOGBASE',
    '%{SYSLOGTIMESTAMP:timestamp} (?:%{SYSLOGFACILITY} )?%{SYSLOGHOST:logsource} %{SYSLOGPROG}:',
  ],
  [
    'COMMONAPACHELOG',
    String.raw`%{IPORHOST:clientip} %{HTTPDUSER:ident} %{USER:auth} \[%{HTTPDATE:timestamp}\] "(?:%{WORD:verb} %{NOTSPACE:request}(?: HTTP/%{NUMBER:httpversion})?|%{DATA:rawrequest})" %{NUMBER:response} (?:%{NUMBER:bytes}|-)`,
  ],
  ['COMBINEDAPACHELOG', '%{COMMONAPACHELOG} %{QS:referrer} %{QS:agent}'],
  [
    'HTTPD20_ERRORLOG',
    String.raw`\[%{HTTPDERROR_DATE:timestamp}\] \[%{LOGLEVEL:loglevel}\] (?:\[client %{IPORHOST:clientip}\] ){0,1}%{GREEDYDATA:errormsg}`,
  ],
  [
    'HTTPD24_ERRORLOG',
    String.raw`\[%{HTTPDERROR_DATE:timestamp}\] \[%{WORD:module}:%{LOGLEVEL:loglevel}\] \[pid %{POSINT:pid}(:tid %{NUMBER:tid})?\]( \(%{POSINT:proxy_errorcode}\)%{DATA:proxy_errormessage}:)?( \[client %{IPORHOST:client}:%{INT:clientport}\])? %{DATA:errorcode}: %{GREEDYDATA:message}`,
  ],
  ['HTTPD_ERRORLOG', '%{HTTPD20_ERRORLOG}|%{HTTPD24_ERRORLOG}'],
];
