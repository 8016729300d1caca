import type { DataSet } from 'dicom-parser';
import { decodeText } from './charset';

/**
 * Typed, forgiving readers over a dicom-parser DataSet: a missing, empty or unparsable value is `undefined`,
 * never NaN or an exception, because real headers are routinely incomplete.
 */

const exists = (ds: DataSet, tag: string): boolean => {
  const element = ds.elements[tag];
  return element !== undefined && element.length > 0 && element.length !== 0xffffffff;
};

// dicom-parser reads from element offsets; an element whose value runs past the buffer throws.
function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** A string value with padding (spaces, NULs) removed; empty → undefined. */
export function text(ds: DataSet, tag: string): string | undefined {
  if (!exists(ds, tag)) return undefined;
  const value = safely(() => ds.string(tag));
  if (value === undefined) return undefined;
  const trimmed = value.replace(/\0+$/u, '').trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * A text value (SH, LO, ST, LT, UT, UC, PN) decoded under the data set's Specific Character Set terms
 * (charset.ts); without terms (or plain ASCII ones) it is `text`.
 */
export function textIn(ds: DataSet, tag: string, terms: readonly string[]): string | undefined {
  const plain = terms.length === 0 || (terms.length === 1 && (terms[0] === '' || terms[0] === 'ISO_IR 6'));
  if (plain) return text(ds, tag);
  if (!exists(ds, tag)) return undefined;
  const element = ds.elements[tag];
  if (element === undefined || element.dataOffset + element.length > ds.byteArray.length) return undefined;
  const value = decodeText(ds.byteArray.subarray(element.dataOffset, element.dataOffset + element.length), terms);
  const trimmed = value.replace(/\0+$/u, '').trim();
  return trimmed === '' ? undefined : trimmed;
}

/** All values of a multi-valued decimal/integer string (DS, IS), or undefined if any is not a finite number. */
export function numbers(ds: DataSet, tag: string): number[] | undefined {
  const raw = text(ds, tag);
  if (raw === undefined) return undefined;
  // `+ 0` turns "-0.0" into 0: -0 would not survive a JSON round trip.
  const values = raw.split('\\').map((part) => (part.trim() === '' ? Number.NaN : Number(part.trim()) + 0));
  return values.every((v) => Number.isFinite(v)) && values.length > 0 ? values : undefined;
}

/** The first value of a DS/IS. */
export function number(ds: DataSet, tag: string): number | undefined {
  return numbers(ds, tag)?.[0];
}

/** An unsigned short (US). */
export function uint16(ds: DataSet, tag: string): number | undefined {
  if (!exists(ds, tag)) return undefined;
  return safely(() => ds.uint16(tag));
}

/** The data sets of a sequence's items (empty when absent or not a sequence). */
export function items(ds: DataSet, tag: string): DataSet[] {
  const list = ds.elements[tag]?.items ?? [];
  return list.flatMap((item) => (item.dataSet ? [item.dataSet] : []));
}

/** The first item of a sequence. */
export function firstItem(ds: DataSet, tag: string): DataSet | undefined {
  return items(ds, tag)[0];
}

export function has(ds: DataSet, tag: string): boolean {
  return ds.elements[tag] !== undefined;
}
