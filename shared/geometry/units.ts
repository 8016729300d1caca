/**
 * Branded units and coordinate spaces. A brand is a compile-time tag only (no runtime cost): it makes passing
 * image pixels where millimetres are expected, or degrees where radians are expected, a type error.
 *
 * Spaces:
 * - Patient space: DICOM LPS, millimetres. +x = patient Left, +y = Posterior, +z = Head (superior).
 * - Image space: continuous (column, row) in pixels of one image. Per DICOM, the CENTRE of the first transmitted
 *   pixel is (0, 0); the image covers [-0.5, columns - 0.5] x [-0.5, rows - 0.5].
 * - Canvas space: (x, y) in screen/canvas pixels of a viewport; owned by the renderer, branded so it cannot be
 *   mistaken for an image point.
 */

declare const brand: unique symbol;

/** Tags a base type with a compile-time name. */
export type Brand<T, Name extends string> = T & { readonly [brand]: Name };

export type Mm = Brand<number, 'Mm'>;
export type Degrees = Brand<number, 'Degrees'>;
export type Radians = Brand<number, 'Radians'>;

/**
 * A 3-vector in patient LPS space: either a position (mm) or a direction (e.g. a unit direction cosine).
 * Chosen as a readonly tuple so DICOM attribute triplets map onto it directly and destructuring reads naturally.
 */
export type Vec3 = Brand<readonly [x: number, y: number, z: number], 'Vec3'>;

/** Continuous image coordinates in pixels: column (x, to the right) and row (y, downwards). */
export type ImagePoint = Brand<{ readonly column: number; readonly row: number }, 'ImagePoint'>;

/** Canvas/viewport pixel coordinates. Deliberately a different shape and brand from ImagePoint. */
export type CanvasPoint = Brand<{ readonly x: number; readonly y: number }, 'CanvasPoint'>;

export const mm = (value: number): Mm => value as Mm;
export const degrees = (value: number): Degrees => value as Degrees;
export const radians = (value: number): Radians => value as Radians;
export const vec3 = (x: number, y: number, z: number): Vec3 => [x, y, z] as const as unknown as Vec3;
export const imagePoint = (column: number, row: number): ImagePoint => ({ column, row }) as ImagePoint;
export const canvasPoint = (x: number, y: number): CanvasPoint => ({ x, y }) as CanvasPoint;

export const toDegrees = (angle: Radians): Degrees => degrees((angle * 180) / Math.PI);
export const toRadians = (angle: Degrees): Radians => radians((angle * Math.PI) / 180);
