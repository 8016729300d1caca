// The writer's data model and a small typed builder API. A dataset is a plain list of elements;
// the writer sorts by tag, so callers may build in any order.
import type { BigIntVR, BinaryVR, NumberVR, TextVR, VR } from './vr';
import { formatDS, formatIS } from './text';

/** (group, element) packed as group * 0x10000 + element: always a non-negative number, so sorting is numeric. */
export type Tag = number;

export function tag(group: number, element: number): Tag {
  if (!Number.isInteger(group) || !Number.isInteger(element) || group < 0 || group > 0xffff || element < 0 || element > 0xffff) {
    throw new RangeError(`bad tag (${group}, ${element})`);
  }
  return group * 0x10000 + element;
}

export function tagGroup(t: Tag): number {
  return Math.floor(t / 0x10000);
}

export function tagElement(t: Tag): number {
  return t % 0x10000;
}

export function formatTag(t: Tag): string {
  const hex = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');
  return `(${hex(tagGroup(t))},${hex(tagElement(t))})`;
}

export interface TextElement { readonly tag: Tag; readonly vr: TextVR; readonly values: readonly string[] }
export interface NumberElement { readonly tag: Tag; readonly vr: NumberVR; readonly values: readonly number[] }
export interface BigIntElement { readonly tag: Tag; readonly vr: BigIntVR; readonly values: readonly bigint[] }
export interface AttributeTagElement { readonly tag: Tag; readonly vr: 'AT'; readonly values: readonly Tag[] }
/** Bytes already in little-endian order (see `binary` for typed-array input). */
export interface BinaryElement { readonly tag: Tag; readonly vr: BinaryVR; readonly bytes: Uint8Array }
export interface SequenceElement {
  readonly tag: Tag;
  readonly vr: 'SQ';
  readonly items: readonly Dataset[];
  /** 'undefined' = 0xFFFFFFFF lengths with delimitation items (sequence and each item). */
  readonly length: 'defined' | 'undefined';
}

/**
 * A value copied verbatim from another explicit VR little endian dataset (already encoded and padded): how a
 * rewriter keeps what it does not change, encapsulated pixel data included (undefined length: `raw` then holds the
 * items and the sequence delimitation item, exactly as read).
 */
export interface RawElement {
  readonly tag: Tag;
  readonly vr: VR;
  readonly raw: Uint8Array;
  readonly undefinedLength?: boolean;
}

export type DataElement = TextElement | NumberElement | BigIntElement | AttributeTagElement | BinaryElement | SequenceElement | RawElement;
export type Dataset = readonly DataElement[];

type Many<T> = T | readonly T[];
const many = <T>(value: Many<T>): readonly T[] => (Array.isArray(value) ? (value as readonly T[]) : [value as T]);

export type BinaryInput = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array | BigUint64Array | BigInt64Array;

/** The value each VR accepts in `element`. */
export type ValueFor<V extends VR> = V extends 'DS' | 'IS'
  ? Many<number | string>
  : V extends TextVR
    ? Many<string>
    : V extends NumberVR | 'AT'
      ? Many<number>
      : V extends BigIntVR
        ? Many<bigint>
        : V extends BinaryVR
          ? BinaryInput
          : V extends 'SQ'
            ? readonly Dataset[]
            : never;

/** One builder for every VR; the value type follows the VR. Empty string / empty array = zero-length (type 2). */
export function element<V extends VR>(t: Tag, vr: V, value: ValueFor<V>): DataElement {
  switch (vr) {
    case 'SQ':
      return sequence(t, value as readonly Dataset[]);
    case 'OB': case 'OW': case 'OF': case 'OD': case 'OL': case 'OV': case 'UN':
      return binary(t, vr, value as BinaryInput);
    case 'US': case 'SS': case 'UL': case 'SL': case 'FL': case 'FD':
      return { tag: t, vr, values: many(value as Many<number>) };
    case 'AT':
      return { tag: t, vr, values: many(value as Many<number>) };
    case 'SV': case 'UV':
      return { tag: t, vr, values: many(value as Many<bigint>) };
    case 'DS':
      return { tag: t, vr, values: many(value as Many<number | string>).map((v) => (typeof v === 'number' ? formatDS(v) : v)) };
    case 'IS':
      return { tag: t, vr, values: many(value as Many<number | string>).map((v) => (typeof v === 'number' ? formatIS(v) : v)) };
    default:
      return text(t, vr as TextVR, value as Many<string>);
  }
}

/** Text element; '' alone means an empty (zero-length) value. */
export function text(t: Tag, vr: TextVR, value: Many<string>): TextElement {
  const values = many(value);
  return { tag: t, vr, values: values.length === 1 && values[0] === '' ? [] : values };
}

/** A verbatim value (see RawElement). */
export function raw(t: Tag, vr: VR, bytes: Uint8Array, undefinedLength = false): RawElement {
  return { tag: t, vr, raw: bytes, ...(undefinedLength ? { undefinedLength } : {}) };
}

export function sequence(t: Tag, items: readonly Dataset[], length: 'defined' | 'undefined' = 'defined'): SequenceElement {
  return { tag: t, vr: 'SQ', items, length };
}

/** Binary element from bytes or a typed array; typed arrays are re-encoded little-endian whatever the host order. */
export function binary(t: Tag, vr: BinaryVR, data: BinaryInput): BinaryElement {
  return { tag: t, vr, bytes: toLittleEndianBytes(data) };
}

function toLittleEndianBytes(data: BinaryInput): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (data instanceof Int8Array) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const out = new Uint8Array(data.byteLength);
  const view = new DataView(out.buffer);
  const n = data.length;
  if (data instanceof Uint16Array || data instanceof Int16Array) for (let i = 0; i < n; i++) view.setUint16(i * 2, (data[i] ?? 0) & 0xffff, true);
  else if (data instanceof Uint32Array || data instanceof Int32Array) for (let i = 0; i < n; i++) view.setUint32(i * 4, (data[i] ?? 0) >>> 0, true);
  else if (data instanceof Float32Array) for (let i = 0; i < n; i++) view.setFloat32(i * 4, data[i] ?? 0, true);
  else if (data instanceof Float64Array) for (let i = 0; i < n; i++) view.setFloat64(i * 8, data[i] ?? 0, true);
  else if (data instanceof BigUint64Array) for (let i = 0; i < n; i++) view.setBigUint64(i * 8, data[i] ?? 0n, true);
  else for (let i = 0; i < n; i++) view.setBigInt64(i * 8, data[i] ?? 0n, true);
  return out;
}
