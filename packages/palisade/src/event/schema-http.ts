/**
 * Static type of Go's `*http.Request` (and `*url.URL`), which alert-context expressions see as
 * `req` for WAF events (hub-compat §4.1: `req.Method`, `req.Host`, `req.UserAgent()`, `JA4H(req)`).
 * Only data fields and side-effect-free accessors are declared.
 */
import {
  anyType,
  arrayOf,
  boolType,
  funcOf,
  intType,
  mapOf,
  type StructType,
  stringType,
  structOf,
} from '../expr/types.ts';

/** Go `url.Values` / `http.Header`: `map[string][]string`. */
export const StringListMapType = mapOf(arrayOf(stringType));

/** Go `url.URL`. */
export const UrlType: StructType = structOf(
  'url.URL',
  {
    Scheme: stringType,
    Opaque: stringType,
    User: anyType,
    Host: stringType,
    Path: stringType,
    RawPath: stringType,
    OmitHost: boolType,
    ForceQuery: boolType,
    RawQuery: stringType,
    Fragment: stringType,
    RawFragment: stringType,
  },
  {
    String: funcOf([], stringType),
    Redacted: funcOf([], stringType),
    EscapedPath: funcOf([], stringType),
    EscapedFragment: funcOf([], stringType),
    Hostname: funcOf([], stringType),
    Port: funcOf([], stringType),
    IsAbs: funcOf([], boolType),
    Query: funcOf([], StringListMapType),
    RequestURI: funcOf([], stringType),
  },
);

/** Go `http.Request`. */
export const HttpRequestType: StructType = structOf(
  'http.Request',
  {
    Method: stringType,
    URL: UrlType,
    Proto: stringType,
    ProtoMajor: intType,
    ProtoMinor: intType,
    Header: StringListMapType,
    Body: anyType,
    ContentLength: intType,
    TransferEncoding: arrayOf(stringType),
    Close: boolType,
    Host: stringType,
    Form: StringListMapType,
    PostForm: StringListMapType,
    MultipartForm: anyType,
    Trailer: StringListMapType,
    RemoteAddr: stringType,
    RequestURI: stringType,
    TLS: anyType,
    Response: anyType,
    Pattern: stringType,
  },
  {
    UserAgent: funcOf([], stringType),
    Referer: funcOf([], stringType),
    ProtoAtLeast: funcOf([intType, intType], boolType),
    FormValue: funcOf([stringType], stringType),
    PostFormValue: funcOf([stringType], stringType),
    PathValue: funcOf([stringType], stringType),
  },
);
