// How a zod 4 schema describes itself (its `_zod.def`): what the code that walks a schema reads, in one place. The
// reading record (shared/report/reading-record.ts) and the random documents of the tests walk the document schema.
import type { z } from 'zod';

export type Schema = z.ZodType;

export interface ZodCheck {
  readonly check: string;
  readonly value?: number;
  readonly inclusive?: boolean;
  readonly maximum?: number;
  readonly minimum?: number;
  readonly format?: string;
}

export interface ZodDef {
  readonly type: string;
  readonly innerType?: Schema;
  readonly shape?: Record<string, Schema>;
  readonly element?: Schema;
  readonly items?: readonly Schema[];
  readonly options?: readonly Schema[];
  readonly entries?: Record<string, string | number>;
  readonly values?: readonly (string | number)[];
  readonly valueType?: Schema;
  readonly in?: Schema;
  readonly format?: string;
  readonly checks?: ReadonlyArray<{ readonly _zod: { readonly def: ZodCheck } }>;
}

/** The definition of a schema (zod 4 keeps it on `_zod.def`; not part of zod's typed surface). */
export const defOf = (schema: Schema): ZodDef => (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
