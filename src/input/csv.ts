/**
 * CSV records (RFC 4180) from lines as a line reader gives them (line breaks removed): fields split on commas,
 * quoted fields may hold commas, `""` (a quote) and line breaks (a record then spans several lines). Problems name
 * the line and what is wrong, never the text itself (a data file may hold anything).
 */

export type CsvStep =
  | { readonly kind: 'record'; readonly fields: readonly string[]; readonly line: number }
  | { readonly kind: 'pending' }
  | { readonly kind: 'problem'; readonly message: string; readonly hint?: string; readonly line: number };

const PENDING: CsvStep = { kind: 'pending' };

export class CsvRecords {
  /** The text of a record whose quoted field is still open, and the line it started on. */
  private open: { text: string; line: number } | null = null;

  /** Feeds physical line `line` (1-based); a record is complete when no quoted field is left open. */
  push(text: string, line: number): CsvStep {
    const record = this.open === null ? { text, line } : { text: `${this.open.text}\n${text}`, line: this.open.line };
    const parsed = splitRecord(record.text);
    if (parsed === 'open') {
      this.open = record;
      return PENDING;
    }
    this.open = null;
    if (typeof parsed === 'object' && 'message' in parsed) return { kind: 'problem', line: record.line, ...parsed };
    return { kind: 'record', fields: parsed, line: record.line };
  }

  /** At the end of the file: a quoted field still open is a problem. */
  end(): CsvStep | null {
    if (this.open === null) return null;
    return { kind: 'problem', line: this.open.line, message: 'a quoted field is never closed', hint: 'every " that opens a field needs one that closes it' };
  }
}

type Split = string[] | 'open' | { readonly message: string; readonly hint?: string };

function splitRecord(text: string): Split {
  const fields: string[] = [];
  let at = 0;
  for (;;) {
    if (text[at] === '"') {
      const quoted = quotedField(text, at + 1);
      if (quoted === 'open') return 'open';
      fields.push(quoted.value);
      at = quoted.end;
      if (at < text.length && text[at] !== ',') {
        return { message: 'text follows a closing quote', hint: 'a quoted field ends at its closing quote; write a quote inside it as ""' };
      }
    } else {
      const comma = text.indexOf(',', at);
      const value = text.slice(at, comma === -1 ? text.length : comma);
      if (value.includes('"')) return { message: 'a " inside an unquoted field', hint: 'quote the field and double the quote inside: "say ""hi"""' };
      fields.push(value);
      at = comma === -1 ? text.length : comma;
    }
    if (at >= text.length) return fields;
    at++; // the comma
  }
}

/** A quoted field's value from just after its opening quote, and where the text goes on after its closing one. */
function quotedField(text: string, from: number): { value: string; end: number } | 'open' {
  let value = '';
  let at = from;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote === -1) return 'open';
    value += text.slice(at, quote);
    if (text[quote + 1] === '"') {
      value += '"';
      at = quote + 2;
    } else return { value, end: quote + 1 };
  }
}
