/**
 * What an HTTP header may hold, checked where headers are given (a scenario's `headers:`, `--header`) so a bad one
 * is bad input, not a failed connection. The rules are Node's http client's: a name is an RFC 9110 token; a value
 * has no control character but tab, and nothing beyond U+00FF. Messages never quote a value: values are secrets.
 */

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const LINE_BREAK_OR_NUL = /[\r\n\0]/;
const BAD_VALUE_CHARACTER = /[^\t\x20-\x7e\x80-\xff]/;

export const HEADER_NAME_RULE = "letters, digits and ! # $ % & ' * + - . ^ _ ` | ~ only, no spaces or colons";

export interface HeaderProblem {
  readonly message: string;
  readonly hint: string;
}

export function headerNameProblem(name: string): HeaderProblem | undefined {
  if (TOKEN.test(name)) return undefined;
  const fixed = name.trim().replace(/[^!#$%&'*+\-.^_`|~0-9A-Za-z]+/g, '-').replace(/^-+|-+$/g, '');
  return {
    message: `not a valid HTTP header name: ${HEADER_NAME_RULE}`,
    hint: fixed === '' ? 'e.g. X-Api-Key' : `e.g. ${JSON.stringify(fixed)}`,
  };
}

export function headerValueProblem(value: string): HeaderProblem | undefined {
  if (LINE_BREAK_OR_NUL.test(value)) {
    return {
      message: 'a header value cannot contain a line break or NUL character',
      hint: 'a header value is one line; check for a trailing newline where the value comes from',
    };
  }
  if (BAD_VALUE_CHARACTER.test(value)) {
    return {
      message: 'a header value cannot contain control characters or characters beyond U+00FF',
      hint: 'send other text encoded, e.g. percent- or base64-encoded',
    };
  }
  return undefined;
}
