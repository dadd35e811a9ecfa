// A streaming RFC 4180 CSV reader for the loaders. The file is read in chunks, decoded as strict
// UTF-8 and parsed by a small state machine, so memory stays bounded by one record (plus what the
// loader keeps), whatever the file size. Every problem is an InputError naming file and line.
//
// Rules (documented for users in the loaders' notes):
// - A UTF-8 byte-order mark at the start is skipped; invalid UTF-8 is an error.
// - Records end at LF or CRLF; quoted fields may hold commas, line breaks and doubled quotes
//   (""); a quote inside an unquoted field is an error. A file whose first line ends in a lone CR
//   (old Mac line ends) is refused with that diagnosis rather than read as one long header.
// - Every field is normalised, so no loader, page or message ever sees a control character
//   (issue 15): each run of CR, LF, TAB, VT, FF, NEL (U+0085), U+2028 or U+2029 becomes one space
//   (with the spaces and tabs around it), and every other C0/C1 control, DEL, noncharacter
//   (U+FFFE, U+FFFF, U+FDD0–U+FDEF…) and bidi control (U+061C, U+200E, U+200F, U+202A–U+202E,
//   U+2066–U+2069) is removed. The characters changed are counted (`normalised`); the loaders
//   trim their fields, the reader does not. Each 64 KiB chunk is tested once with one regex, so a
//   clean file pays nothing per field.
// - Blank lines are skipped; a missing final line break is fine.
// - Line numbers are physical: a record that spans lines is reported at the line it starts on.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { InputError, type SourceFile } from '../types.ts';
import { quoted } from '../util/quote.ts';

export interface CsvRecord {
  fields: string[];
  /** 1-based physical line the record starts on. */
  line: number;
}

export interface CsvLimits {
  /** Files larger than this are refused before reading (the dataset must fit in memory). */
  maxBytes: number;
  /** One record longer than this is refused (an unterminated quote would otherwise swallow the file). */
  maxRecordChars: number;
  /** Data rows beyond this are refused. */
  maxRows: number;
}

/**
 * The defaults. The product holds 10⁸ interactions on one machine (24 bytes each once read,
 * build/util/ratings.ts): 2·10⁸ rows leaves room above the Netflix Prize's 100,480,507, and a CSV
 * of them with ISO times is about 5 GB, read as a stream.
 */
export const CSV_LIMITS: CsvLimits = {
  maxBytes: 8 * 1024 ** 3,
  maxRecordChars: 1024 * 1024,
  maxRows: 200_000_000,
};

const CHUNK_BYTES = 1 << 16;

/** Quoted, shortened value for messages: one line whatever the input holds (build/util/quote.ts). */
export const shown = quoted;

/** Line breaks and spacing controls: a run of them (with spaces/tabs around it) becomes one space. */
const BREAKS = /[ \t]*[\t\n\v\f\r\x85\u2028\u2029][ \t\n\v\f\r\x85\u2028\u2029]*/g;
/** Every other control, the bidi controls and the noncharacters: removed. */
const REMOVED = /[\0-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\p{Bidi_C}\p{NChar}]/gu;
/** Any character `normaliseField` changes. */
const UNWANTED = /[\p{Cc}\p{Bidi_C}\p{NChar}\u2028\u2029]/u;
/** The same, less LF and CR (every line end has them): the per-chunk test. */
const UNWANTED_IN_CHUNK = /[\0-\t\v\f\x0e-\x1f\x7f-\x9f\p{Bidi_C}\p{NChar}\u2028\u2029]/u;

/** A field with the rule above applied, and how many characters it changed. */
export function normaliseField(value: string): { value: string; changed: number } {
  if (!UNWANTED.test(value)) return { value, changed: 0 };
  let changed = 0;
  const out = value
    .replace(REMOVED, () => {
      changed++;
      return '';
    })
    .replace(BREAKS, (run) => {
      for (let i = 0; i < run.length; i++) if (run.charCodeAt(i) !== 32) changed++;
      return ' ';
    });
  return { value: out, changed };
}

/** Checks the path is a readable regular file within the size limit; returns its size. */
export async function checkInputFile(path: string, limits: CsvLimits = CSV_LIMITS): Promise<number> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    throw new InputError(`${path}: cannot read file (${describeFsError(err)})`, { file: path, cause: err });
  }
  if (info.isDirectory()) throw new InputError(`${path}: is a directory, expected a CSV file`, { file: path });
  if (!info.isFile()) throw new InputError(`${path}: is not a regular file, expected a CSV file`, { file: path });
  if (info.size > limits.maxBytes) {
    throw new InputError(`${path}: file is ${formatBytes(info.size)}, above the ${formatBytes(limits.maxBytes)} limit for an input file`, { file: path });
  }
  if (info.size === 0) throw new InputError(`${path}:1: the file is empty, expected a header line`, { file: path, line: 1 });
  return info.size;
}

function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const words: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied', EISDIR: 'is a directory', ENOTDIR: 'a parent is not a folder' };
  return e.code ? `${e.code}: ${words[e.code] ?? e.message.split('\n')[0]}` : String(e.message ?? e).split('\n')[0];
}

function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/**
 * One pass over a CSV file: `records()` yields every record (header included), `batches()` the
 * same records a chunk at a time (one await per 64 KiB rather than per row, which matters at
 * 100k rows); afterwards `file()` gives its size and SHA-256, hashed from the same chunks.
 */
export class CsvReader {
  readonly path: string;
  private readonly limits: CsvLimits;
  private bytes = 0;
  private digest: string | null = null;
  private parser: CsvParser | null = null;

  constructor(path: string, limits: Partial<CsvLimits> = {}) {
    this.path = path;
    this.limits = { ...CSV_LIMITS, ...limits };
  }

  file(): SourceFile {
    if (this.digest === null) throw new Error(`CsvReader.file(): ${this.path} has not been read to the end`);
    return { path: this.path, bytes: this.bytes, sha256: this.digest };
  }

  /** Characters changed by field normalisation so far (see the rules above). */
  get normalised(): number {
    return this.parser?.normalised ?? 0;
  }

  async *records(): AsyncGenerator<CsvRecord> {
    for await (const batch of this.batches()) yield* batch;
  }

  async *batches(): AsyncGenerator<CsvRecord[]> {
    await checkInputFile(this.path, this.limits);
    const hash = createHash('sha256');
    const parser = (this.parser = new CsvParser(this.path, this.limits.maxRecordChars));
    const decoder = new Utf8Chunks(this.path);
    const stream = createReadStream(this.path, { highWaterMark: CHUNK_BYTES });
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        hash.update(chunk);
        this.bytes += chunk.length;
        if (this.bytes > this.limits.maxBytes) {
          throw new InputError(`${this.path}: file grew above the ${formatBytes(this.limits.maxBytes)} limit while reading`, { file: this.path });
        }
        const records = parser.push(decoder.decode(chunk, parser.line));
        if (records.length > 0) yield records;
      }
    } catch (err) {
      // Only file-system failures (EACCES, EIO…) become input errors; anything else is a bug.
      if (err instanceof InputError || typeof (err as NodeJS.ErrnoException).code !== 'string') throw err;
      throw new InputError(`${this.path}: cannot read file (${describeFsError(err)})`, { file: this.path, cause: err });
    } finally {
      stream.destroy();
    }
    decoder.end(parser.line);
    const last = parser.end();
    if (last.length > 0) yield last;
    this.digest = hash.digest('hex');
  }
}

/**
 * Strict UTF-8 decoding of a byte stream in pieces. Incomplete sequences at a chunk's end are
 * carried to the next chunk ourselves, so that an error can be placed on its line.
 */
class Utf8Chunks {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private carry: Uint8Array = new Uint8Array(0);
  private first = true;

  constructor(private readonly path: string) {}

  /** `line` is the parser's current line: where this chunk's text begins. */
  decode(chunk: Uint8Array, line: number): string {
    let bytes = this.carry.length > 0 ? concat(this.carry, chunk) : chunk;
    if (this.first) {
      this.first = false;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    }
    const cut = completeLength(bytes);
    this.carry = bytes.slice(cut);
    const whole = bytes.subarray(0, cut);
    try {
      return this.decoder.decode(whole);
    } catch (err) {
      throw this.invalid(whole, line, err);
    }
  }

  end(line: number): void {
    if (this.carry.length > 0) throw this.invalid(this.carry, line);
  }

  private invalid(bytes: Uint8Array, line: number, cause?: unknown): InputError {
    const at = invalidUtf8Offset(bytes);
    let l = line;
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) l++;
    return new InputError(`${this.path}:${l}: invalid UTF-8 (byte 0x${bytes[at].toString(16).padStart(2, '0')}): save the file as UTF-8`, { file: this.path, line: l, cause });
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Length of the prefix that ends on a character boundary (an incomplete tail is held back). */
function completeLength(b: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, b.length); back++) {
    const c = b[b.length - back];
    if ((c & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > back ? b.length - back : b.length;
  }
  return b.length;
}

/** Offset of the first byte that starts an invalid (or truncated) UTF-8 sequence; -1 if none. */
export function invalidUtf8Offset(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0 || i + n >= b.length) return i; // not a lead byte, or truncated at the end
    // The second byte's range excludes overlong forms, surrogates and code points above U+10FFFF.
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    if (b[i + 1] < lo || b[i + 1] > hi) return i;
    for (let k = 2; k <= n; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** Saw a quote inside a quoted field: either the closing quote or the first of "". */
  QuoteInQuoted,
  /** Saw CR right after a closing quote: only LF may follow. */
  CrAfterQuote,
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** The RFC 4180 state machine; `push` text as it arrives, then `end`. */
class CsvParser {
  /** Current physical line (1-based) of the next character. */
  line = 1;
  private state = State.FieldStart;
  private field = '';
  private fields: string[] = [];
  private recordLine = 1;
  private recordChars = 0;
  /** Characters changed by normalisation. */
  normalised = 0;
  /** The current chunk holds a character to normalise (other than line ends). */
  private chunkUnwanted = false;
  /** The field being read may hold a character to normalise. */
  private dirty = false;

  constructor(
    private readonly path: string,
    private readonly maxRecordChars: number,
  ) {}

  push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    this.chunkUnwanted = UNWANTED_IN_CHUNK.test(text);
    if (this.chunkUnwanted) this.dirty = true;
    let seg = 0; // start of the pending run of field characters in `text`
    let recordStart = 0; // where the current record's text begins in this chunk
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.state === State.FieldStart) {
        if (c === QUOTE) {
          this.state = State.Quoted;
          seg = i + 1;
          continue;
        }
        this.state = State.Unquoted; // and this character is the field's first
        seg = i;
      }
      switch (this.state) {
        case State.Unquoted:
          if (c === COMMA) {
            this.endField(this.field + text.slice(seg, i));
          } else if (c === LF) {
            this.endField(withoutCr(this.field + text.slice(seg, i)));
            this.endRecord(out);
            recordStart = i + 1;
          } else if (c === CR && text.charCodeAt(i + 1) !== LF) {
            // A CR of a CRLF is dropped at the LF; any other is data to normalise, except in the
            // header, where it means the line ends are CR-only. (A CR last in the chunk is data.)
            if (this.recordLine === 1 && i + 1 < text.length) throw this.crOnlyError();
            this.dirty = true;
          } else if (c === QUOTE) {
            throw new InputError(
              `${this.path}:${this.line}: field ${this.fields.length + 1}: a quote inside an unquoted field; quote the whole field and double inner quotes ("")`,
              { file: this.path, line: this.line, field: String(this.fields.length + 1) },
            );
          }
          break;
        case State.Quoted:
          if (c === QUOTE) {
            this.field += text.slice(seg, i);
            this.state = State.QuoteInQuoted;
          } else if (c === LF) {
            this.line++;
            this.dirty = true;
          } else if (c === CR) {
            this.dirty = true;
          }
          break;
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            this.field += '"';
            this.state = State.Quoted;
            seg = i + 1;
          } else if (c === COMMA) {
            this.endField(this.field);
          } else if (c === LF) {
            this.endField(this.field);
            this.endRecord(out);
            recordStart = i + 1;
          } else if (c === CR) {
            this.state = State.CrAfterQuote;
          } else {
            throw this.afterQuoteError();
          }
          break;
        case State.CrAfterQuote:
          if (c !== LF) throw this.recordLine === 1 ? this.crOnlyError() : this.afterQuoteError();
          this.endField(this.field);
          this.endRecord(out);
          recordStart = i + 1;
          break;
      }
    }
    // Keep the unfinished run of the field for the next chunk.
    if (this.state === State.Unquoted || this.state === State.Quoted) this.field += text.slice(seg);
    this.recordChars += text.length - recordStart;
    if (this.recordChars > this.maxRecordChars) {
      throw new InputError(
        `${this.path}:${this.recordLine}: record longer than ${this.maxRecordChars} characters (an unterminated quote?)`,
        { file: this.path, line: this.recordLine },
      );
    }
    return out;
  }

  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.state === State.Quoted) {
      throw new InputError(`${this.path}:${this.recordLine}: quoted field never closed: the file ends inside quotes opened in this record`, {
        file: this.path,
        line: this.recordLine,
      });
    }
    if (this.state === State.FieldStart && this.fields.length === 0) return out; // ended on a line break
    this.endField(this.state === State.Unquoted ? withoutCr(this.field) : this.field);
    this.endRecord(out);
    return out;
  }

  private afterQuoteError(): InputError {
    return new InputError(
      `${this.path}:${this.line}: field ${this.fields.length + 1}: expected a comma or line end after the closing quote`,
      { file: this.path, line: this.line, field: String(this.fields.length + 1) },
    );
  }

  /** A lone CR outside quotes in the header: without this the file reads as one long header. */
  private crOnlyError(): InputError {
    return new InputError(`${this.path}:1: the file uses CR-only line ends (old Mac format); save it with LF or CRLF line ends`, { file: this.path, line: 1 });
  }

  private endField(value: string): void {
    if (this.dirty) {
      const clean = normaliseField(value);
      value = clean.value;
      this.normalised += clean.changed;
      this.dirty = this.chunkUnwanted;
    }
    this.fields.push(value);
    this.field = '';
    this.state = State.FieldStart;
  }

  private endRecord(out: CsvRecord[]): void {
    const blank = this.fields.length === 1 && this.fields[0] === '';
    if (!blank) out.push({ fields: this.fields, line: this.recordLine });
    this.fields = [];
    this.line++; // every record ends at a line break (or the end of the file)
    this.recordLine = this.line;
    this.recordChars = 0;
  }
}

function withoutCr(s: string): string {
  return s.charCodeAt(s.length - 1) === CR ? s.slice(0, -1) : s;
}
