import { posix } from 'node:path';
import { Unzip, UnzipInflate, unzipSync, type UnzipFileInfo } from 'fflate';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

/**
 * Reads the first worksheet of an XLSX file row by row, every cell as text.
 *
 * Written here rather than taken from exceljs's streaming reader because that reader decodes
 * each 16 KB piece of XML on its own, so a Chinese character split between two pieces comes
 * out as "�" (exceljs issues #2063, #2084, still open). Here the bytes go through one
 * streaming UTF-8 decoder per part. The workbook's small parts (relationships, styles, shared
 * strings) are unzipped whole; the worksheet is inflated piece by piece, so a 200,000-row
 * sheet never sits in memory as XML or as objects.
 */

export type XlsxRow = { row: number; values: XlsxValue[] };
/** What a cell holds once read: text, a number, a date (UTC fields = the sheet's wall clock) or a boolean. */
export type XlsxValue = string | number | boolean | Date | null;

export class XlsxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XlsxError';
  }
}

/** Bigger parts than this are refused: a real customer sheet is far smaller, a zip bomb is not. */
const MAX_PART_BYTES = 512 * 1_048_576;
const MAX_SHEET_BYTES = 2 * 1_073_741_824;
/** Compressed bytes handed to the inflater between two yields. */
const SLICE = 64 * 1024;

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** A SAX parser that reports element names without their namespace prefix (some writers use `x:row`). */
function saxOf(handlers: { open?: (tag: SaxesTagPlain) => void; close?: (name: string) => void; text?: (text: string) => void }): SaxesParser {
  const sax = new SaxesParser();
  if (handlers.open) sax.on('opentag', (tag) => handlers.open!(tag as SaxesTagPlain));
  if (handlers.close) sax.on('closetag', (tag) => handlers.close!(localName(tag.name)));
  if (handlers.text) {
    sax.on('text', handlers.text);
    sax.on('cdata', handlers.text);
  }
  return sax;
}

function parseWhole(bytes: Uint8Array | undefined, handlers: Parameters<typeof saxOf>[0]): void {
  if (!bytes) return;
  const sax = saxOf(handlers);
  sax.write(new TextDecoder('utf-8').decode(bytes)).close();
}

function attr(tag: SaxesTagPlain, name: string): string | undefined {
  for (const [key, value] of Object.entries(tag.attributes)) if (localName(key) === name) return value;
  return undefined;
}

/** Relationship id → part path, resolved against the folder of the part that owns them. */
function relationships(bytes: Uint8Array | undefined, ownerPath: string): Map<string, { target: string; type: string }> {
  const out = new Map<string, { target: string; type: string }>();
  const dir = posix.dirname(ownerPath);
  parseWhole(bytes, {
    open(tag) {
      if (localName(tag.name) !== 'Relationship') return;
      const id = attr(tag, 'Id');
      const target = attr(tag, 'Target');
      if (!id || !target || attr(tag, 'TargetMode') === 'External') return;
      const resolved = target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(dir, target));
      out.set(id, { target: resolved, type: attr(tag, 'Type') ?? '' });
    },
  });
  return out;
}

const relsPathOf = (part: string) => posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`);

// Built-in number formats that show dates or times (ECMA-376 §18.8.30, with the East Asian ids
// 27–36 and 50–58 that Chinese Excel uses for 年月日 formats).
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Whether a custom format code shows a date: y/m/d/h/s outside quotes, escapes and [colour] blocks. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '');
  if (/general/i.test(bare)) return false;
  return /[ymdhs]/i.test(bare.split(';')[0] ?? '');
}

/** For each cell style index, whether it formats numbers as dates. */
function dateStyles(bytes: Uint8Array | undefined): boolean[] {
  const custom = new Map<number, string>();
  const styles: boolean[] = [];
  const ids: number[] = [];
  let inCellXfs = false;
  parseWhole(bytes, {
    open(tag) {
      const name = localName(tag.name);
      if (name === 'numFmt') custom.set(Number(attr(tag, 'numFmtId')), attr(tag, 'formatCode') ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) ids.push(Number(attr(tag, 'numFmtId') ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  for (const id of ids) styles.push(custom.has(id) ? isDateFormat(custom.get(id)!) : BUILTIN_DATE_FORMATS.has(id));
  return styles;
}

/**
 * Collects the text of `<t>` elements, skipping phonetic runs (`<rPh>`, the furigana/pinyin
 * guide Excel stores beside East Asian text), for shared strings and inline strings alike.
 */
class StringItem {
  private depthPh = 0;
  private inT = false;
  text = '';
  open(name: string) {
    if (name === 'rPh') this.depthPh++;
    else if (name === 't' && this.depthPh === 0) this.inT = true;
  }
  close(name: string) {
    if (name === 'rPh') this.depthPh--;
    else if (name === 't') this.inT = false;
  }
  add(text: string) {
    if (this.inT) this.text += text;
  }
}

function sharedStrings(bytes: Uint8Array | undefined): string[] {
  const out: string[] = [];
  let item: StringItem | null = null;
  parseWhole(bytes, {
    open(tag) {
      const name = localName(tag.name);
      if (name === 'si') item = new StringItem();
      else item?.open(name);
    },
    close(name) {
      if (name === 'si' && item) {
        out.push(item.text);
        item = null;
      } else item?.close(name);
    },
    text(text) {
      item?.add(text);
    },
  });
  return out;
}

/** Excel's serial day number as a Date whose UTC fields are the sheet's wall-clock fields. */
export function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** Zero-based column of a cell reference such as "AB12"; -1 when there is none. */
export function columnOf(ref: string | undefined): number {
  if (!ref) return -1;
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) & ~0x20; // upper case
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return i === 0 ? -1 : col - 1;
}

type Workbook = { sheetPath: string; strings: string[]; dates: boolean[]; date1904: boolean };

function readWorkbook(bytes: Uint8Array): Workbook {
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, {
      filter: (f: UnzipFileInfo) => {
        if (!/(\.rels|workbook\.xml|styles\.xml|sharedStrings\.xml)$/i.test(f.name)) return false;
        if (f.originalSize > MAX_PART_BYTES) throw new XlsxError(`part too large: ${f.name}`);
        return true;
      },
    });
  } catch (err) {
    if (err instanceof XlsxError) throw err;
    throw new XlsxError(`not an XLSX file (${(err as Error).message})`);
  }
  const byName = new Map(Object.entries(parts).map(([name, data]) => [name.toLowerCase(), data]));
  const part = (name: string) => byName.get(name.toLowerCase());

  const root = relationships(part('_rels/.rels'), '');
  const workbookPath = [...root.values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  if (!part(workbookPath)) throw new XlsxError('no workbook in the file');
  const rels = relationships(part(relsPathOf(workbookPath)), workbookPath);

  let firstSheetId: string | undefined;
  let date1904 = false;
  parseWhole(part(workbookPath), {
    open(tag) {
      const name = localName(tag.name);
      if (name === 'workbookPr') date1904 = ['1', 'true'].includes(attr(tag, 'date1904') ?? '');
      else if (name === 'sheet' && firstSheetId === undefined) firstSheetId = attr(tag, 'id');
    },
  });
  const sheetPath = firstSheetId ? rels.get(firstSheetId)?.target : undefined;
  if (!sheetPath) throw new XlsxError('the workbook has no worksheet');
  const byType = (suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix))?.target;
  return {
    sheetPath,
    strings: sharedStrings(part(byType('/sharedStrings') ?? 'xl/sharedStrings.xml')),
    dates: dateStyles(part(byType('/styles') ?? 'xl/styles.xml')),
    date1904,
  };
}

/** Turns worksheet XML events into rows. */
class SheetReader {
  readonly rows: XlsxRow[] = [];
  private rowNumber = 0;
  private values: XlsxValue[] = [];
  private col = -1;
  private type = 'n';
  private style = 0;
  private raw = '';
  private inV = false;
  private inline: StringItem | null = null;

  constructor(private readonly book: Workbook) {}

  open(tag: SaxesTagPlain) {
    const name = localName(tag.name);
    if (name === 'row') {
      const r = Number(attr(tag, 'r'));
      this.rowNumber = Number.isInteger(r) && r > 0 ? r : this.rowNumber + 1;
      this.values = [];
      this.col = -1;
    } else if (name === 'c') {
      const at = columnOf(attr(tag, 'r'));
      this.col = at >= 0 ? at : this.col + 1;
      this.type = attr(tag, 't') ?? 'n';
      this.style = Number(attr(tag, 's') ?? 0);
      this.raw = '';
      this.inline = null;
    } else if (name === 'v') {
      this.inV = true;
    } else if (name === 'is') {
      this.inline = new StringItem();
    } else this.inline?.open(name);
  }

  close(name: string) {
    if (name === 'v') this.inV = false;
    else if (name === 'c') this.values[this.col] = this.value();
    else if (name === 'row') this.rows.push({ row: this.rowNumber, values: Array.from(this.values, (v) => v ?? null) });
    else this.inline?.close(name);
  }

  text(text: string) {
    if (this.inV) this.raw += text;
    else this.inline?.add(text);
  }

  private value(): XlsxValue {
    const raw = this.raw;
    switch (this.type) {
      case 's':
        return this.book.strings[Number(raw)] ?? '';
      case 'inlineStr':
        return this.inline?.text ?? raw;
      case 'str':
        return raw;
      case 'b':
        return raw === '' ? null : raw === '1' || raw.toLowerCase() === 'true';
      case 'e':
        return null;
      case 'd': {
        const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? raw : `${raw}Z`);
        return Number.isNaN(d.getTime()) ? raw : d;
      }
      default: {
        if (raw.trim() === '') return null;
        const n = Number(raw);
        if (!Number.isFinite(n)) return raw;
        return this.book.dates[this.style] ? excelDate(n, this.book.date1904) : n;
      }
    }
  }
}

/** The rows of the first worksheet, in file order, yielded a slice of the file at a time. */
export async function* readXlsx(bytes: Uint8Array): AsyncGenerator<XlsxRow> {
  const book = readWorkbook(bytes);
  const reader = new SheetReader(book);
  const sax = saxOf({ open: (t) => reader.open(t), close: (n) => reader.close(n), text: (t) => reader.text(t) });
  const decoder = new TextDecoder('utf-8');
  let found = false;
  let done = false;
  let inflated = 0;
  // Set inside the inflater's callbacks, read after each push.
  const state: { failure: Error | null } = { failure: null };

  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (file) => {
    if (found || file.name.toLowerCase() !== book.sheetPath.toLowerCase()) return;
    found = true;
    file.ondata = (err, chunk, final) => {
      if (state.failure) return;
      try {
        if (err) throw err;
        inflated += chunk.length;
        if (inflated > MAX_SHEET_BYTES) throw new XlsxError('worksheet too large');
        sax.write(decoder.decode(chunk, { stream: !final }));
        if (final) {
          sax.close();
          done = true;
        }
      } catch (e) {
        state.failure = e as Error;
      }
    };
    file.start();
  };

  for (let at = 0; at < bytes.length && !done; at += SLICE) {
    try {
      unzip.push(bytes.subarray(at, at + SLICE), at + SLICE >= bytes.length);
    } catch (e) {
      state.failure ??= e as Error;
    }
    const failure = state.failure;
    if (failure) throw failure instanceof XlsxError ? failure : new XlsxError(failure.message);
    while (reader.rows.length > 0) {
      const batch = reader.rows.splice(0, reader.rows.length);
      for (const row of batch) yield row;
    }
  }
  if (!found) throw new XlsxError(`worksheet ${book.sheetPath} missing from the file`);
  if (!done) throw new XlsxError('the worksheet is cut short');
}
