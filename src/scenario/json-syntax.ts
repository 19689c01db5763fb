/**
 * Where a JSON text stops being JSON, for an error with line and column: V8's JSON.parse gives no position for some
 * mistakes ("Unexpected token '}', … is not valid JSON") and quotes the text around it, which may hold a secret.
 * Only called once JSON.parse has failed. Iterative, so a deeply nested file cannot overflow the stack here.
 */

export interface JsonSyntaxError {
  /** Offset (UTF-16 units) of the first character that cannot be there. */
  readonly offset: number;
  /** What would have been valid there, e.g. `',' or '}'`. */
  readonly expected: string;
}

type State = 'value' | 'first-value' | 'key' | 'first-key' | 'colon' | 'after-value';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const open: ('{' | '[')[] = [];
  let state: State = 'value';
  let at = 0;
  for (;;) {
    WHITESPACE.lastIndex = at;
    WHITESPACE.test(text);
    at = WHITESPACE.lastIndex;
    const top = open[open.length - 1];
    if (at >= text.length) return state === 'after-value' && top === undefined ? undefined : { offset: at, expected: expectedIn(state, top) };
    const char = text[at];
    if (state === 'after-value') {
      if (top === undefined) return { offset: at, expected: 'the end of the file' };
      if (char === ',') state = top === '{' ? 'key' : 'value';
      else if (char === (top === '{' ? '}' : ']')) open.pop();
      else return { offset: at, expected: expectedIn(state, top) };
      at++;
    } else if (state === 'colon') {
      if (char !== ':') return { offset: at, expected: expectedIn(state, top) };
      state = 'value';
      at++;
    } else if ((state === 'first-key' && char === '}') || (state === 'first-value' && char === ']')) {
      open.pop();
      state = 'after-value';
      at++;
    } else if (state === 'key' || state === 'first-key') {
      const end = char === '"' ? stringEnd(text, at) : { offset: at, expected: expectedIn(state, top) };
      if (typeof end !== 'number') return end;
      state = 'colon';
      at = end;
    } else if (char === '{' || char === '[') {
      open.push(char);
      state = char === '{' ? 'first-key' : 'first-value';
      at++;
    } else {
      const end = scalarEnd(text, at);
      if (typeof end !== 'number') return end;
      state = 'after-value';
      at = end;
    }
  }
}

function expectedIn(state: State, top: '{' | '[' | undefined): string {
  switch (state) {
    case 'colon':
      return "':' after the property name";
    case 'key':
      return 'a double-quoted property name';
    case 'first-key':
      return "a double-quoted property name or '}'";
    case 'after-value':
      return top === undefined ? 'the end of the file' : top === '{' ? "',' or '}'" : "',' or ']'";
    default:
      return state === 'first-value' ? "a value or ']'" : 'a value (text in double quotes, a number, true, false, null, { or [)';
  }
}

/** The offset just past a string, number or literal starting at `at`, or the error inside it. */
function scalarEnd(text: string, at: number): number | JsonSyntaxError {
  if (text[at] === '"') return stringEnd(text, at);
  for (const literal of ['true', 'false', 'null']) if (text.startsWith(literal, at)) return at + literal.length;
  NUMBER.lastIndex = at;
  if (NUMBER.test(text)) return NUMBER.lastIndex;
  return { offset: at, expected: expectedIn('value', undefined) };
}

function stringEnd(text: string, start: number): number | JsonSyntaxError {
  let at = start + 1;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code === 0x22) return at + 1;
    if (code < 0x20) return { offset: at, expected: 'no line break or control character inside a string (write \\n)' };
    if (code === 0x5c) {
      ESCAPE.lastIndex = at;
      if (!ESCAPE.test(text)) return { offset: at, expected: 'an escape: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX' };
      at = ESCAPE.lastIndex;
    } else at++;
  }
  return { offset: at, expected: 'a closing " for the string' };
}
