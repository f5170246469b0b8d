/**
 * A streaming CSV reader (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes), UTF-8 with or without a
 * BOM. It yields one record at a time with the line it started on, so a file of any length is read in constant memory.
 * A field longer than `maxFieldChars` stops growing and is reported as `overflow` (a 10 MB cell costs nothing).
 */
export interface CsvRecord {
  /** 1-based physical line where the record starts (the header is line 1). */
  line: number;
  fields: string[];
  /** Indexes of fields cut at maxFieldChars. */
  overflow: number[];
}

export async function* readCsvRecords(
  source: AsyncIterable<Buffer | string>,
  options: { maxFieldChars: number },
): AsyncGenerator<CsvRecord> {
  const decoder = new TextDecoder('utf-8');
  let first = true;
  let line = 1;
  let recordLine = 1;
  let fields: string[] = [];
  let overflow: number[] = [];
  let field = '';
  let fieldOverflow = false;
  let inQuotes = false;
  let quotePending = false; // saw a quote inside a quoted field: either an escaped quote or the closing quote
  let sawAnything = false;
  let pendingCR = false;

  const append = (chunk: string) => {
    if (fieldOverflow) return;
    if (field.length + chunk.length > options.maxFieldChars) {
      field += chunk.slice(0, options.maxFieldChars - field.length);
      fieldOverflow = true;
    } else field += chunk;
  };
  const endField = () => {
    if (fieldOverflow) overflow.push(fields.length);
    fields.push(field);
    field = '';
    fieldOverflow = false;
  };
  const endRecord = (): CsvRecord => {
    endField();
    const record = { line: recordLine, fields, overflow };
    fields = [];
    overflow = [];
    sawAnything = false;
    return record;
  };

  const take = function* (text: string): Generator<CsvRecord> {
    let start = 0; // start of the run of plain characters not yet appended
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (pendingCR) {
        pendingCR = false;
        if (c === 10) {
          start = i + 1;
          continue;
        }
      }
      if (inQuotes) {
        if (quotePending) {
          quotePending = false;
          if (c === 34) {
            append('"');
            start = i + 1;
            continue;
          }
          inQuotes = false; // the quote closed the field; fall through to plain handling of c
        } else if (c === 34) {
          append(text.slice(start, i));
          quotePending = true;
          start = i + 1;
          continue;
        } else {
          if (c === 10) line++;
          else if (c === 13) {
            line++;
            if (text.charCodeAt(i + 1) === 10) i++;
          }
          continue;
        }
      }
      if (c === 34 && field.length === 0 && start === i) {
        inQuotes = true;
        sawAnything = true;
        start = i + 1;
      } else if (c === 44) {
        append(text.slice(start, i));
        endField();
        sawAnything = true;
        start = i + 1;
      } else if (c === 10 || c === 13) {
        append(text.slice(start, i));
        line++;
        if (sawAnything || field.length > 0) yield endRecord();
        else {
          field = '';
          fields = [];
          overflow = [];
        }
        recordLine = line;
        if (c === 13) {
          if (i + 1 < text.length) {
            if (text.charCodeAt(i + 1) === 10) i++;
          } else pendingCR = true;
        }
        start = i + 1;
      } else {
        sawAnything = true;
      }
    }
    if (start < text.length) append(text.slice(start));
  };

  for await (const chunk of source) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.length > 0) first = false;
    }
    yield* take(text);
  }
  const rest = decoder.decode();
  if (rest) yield* take(rest);
  if (quotePending) {
    quotePending = false;
    inQuotes = false;
  }
  if (sawAnything || field.length > 0 || fields.length > 0) yield endRecord();
}
