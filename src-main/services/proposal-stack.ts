// One series of an indexed study as the level proposer needs it (shared/spine/propose-levels.ts): the planes of
// its largest stack and their modality values (decoded, rescaled). Used by the CLI's propose-levels and its tests.
import type { Series, Stack, StudyIndex } from '@shared/dicom/index-model';
import { decodeFrame } from '@shared/dicom/decode/decode-frame';
import { planeFromDicom } from '@shared/geometry';
import type { ImagePlane } from '@shared/geometry';
import type { ProposalStack } from '@shared/spine/propose-levels';
import { nodeCodecs } from './codecs-node';

export interface LoadedProposalStack {
  readonly stack: ProposalStack;
  readonly series: Series;
  readonly modality: string | undefined;
  readonly frameOfReferenceUid: string | undefined;
}

export class ProposalStackError extends Error {}

export function findSeries(index: StudyIndex, seriesUid: string): Series | null {
  for (const p of index.patients) for (const st of p.studies) for (const se of st.series) if (se.uid === seriesUid) return se;
  return null;
}

/** The series' stack with the most images (a localiser or a stray slice is not the series). */
const largestStack = (series: Series): Stack | undefined =>
  [...series.stacks].sort((a, b) => b.instances.length - a.instances.length)[0];

/** Decodes every image of the series' largest stack; fails in plain words when the series cannot be used. */
export async function loadProposalStack(index: StudyIndex, seriesUid: string, readBytes: (instanceId: string) => Promise<Uint8Array>): Promise<LoadedProposalStack> {
  const series = findSeries(index, seriesUid);
  if (series === null) throw new ProposalStackError(`series ${seriesUid} is not in this study`);
  const stack = largestStack(series);
  if (stack === undefined || stack.instances.length < 2) throw new ProposalStackError(`series ${seriesUid} has too few images to find vertebrae in`);
  const { imageOrientationPatient: iop, pixelSpacing, rows, columns } = stack;
  if (iop === undefined || pixelSpacing === undefined || rows === undefined || columns === undefined) {
    throw new ProposalStackError(`series ${seriesUid} has no usable image geometry (orientation, pixel spacing)`);
  }
  const codecs = await nodeCodecs();
  const planes: ImagePlane[] = [];
  const pixels: Float32Array[] = [];
  for (const instance of stack.instances) {
    if (instance.imagePositionPatient === undefined) throw new ProposalStackError(`series ${seriesUid} has images without a position`);
    const plane = planeFromDicom({ imagePositionPatient: instance.imagePositionPatient, imageOrientationPatient: iop, pixelSpacing, rows, columns });
    if (!plane.ok) throw new ProposalStackError(`series ${seriesUid}: ${plane.reason}`);
    const frame = await decodeFrame(await readBytes(instance.id), instance.frame ?? 0, codecs);
    if (frame.samplesPerPixel !== 1) throw new ProposalStackError(`series ${seriesUid} is in colour: vertebrae are found on greyscale images only`);
    const slope = instance.rescaleSlope ?? 1;
    const intercept = instance.rescaleIntercept ?? 0;
    const values = new Float32Array(frame.pixels.length);
    for (let i = 0; i < values.length; i++) values[i] = (frame.pixels[i] as number) * slope + intercept;
    planes.push(plane.value);
    pixels.push(values);
  }
  return { stack: { planes, pixels }, series, modality: series.modality, frameOfReferenceUid: stack.frameOfReferenceUid ?? series.frameOfReferenceUid };
}
