import type { Patient, Series, Stack, StudyIndex } from '@shared/dicom/index-model';
import { classifyPlane, planeFromDicom } from '@shared/geometry';
import type { ImagePlane } from '@shared/geometry';
import type { SeriesOrientation, ViewerInstance, ViewerSeries, ViewerStudy } from '../types';

export const imageIdFor = (instanceId: string): string => `spine:${instanceId}`;

const AXIAL_IOP = [1, 0, 0, 0, 1, 0];

/**
 * The plane of one instance. Real geometry when the stack has IOP, the instance IPP and a size; otherwise a
 * stand-in (axial, 1 mm per pixel unless some spacing is known, stacked by index) marked 'synthetic', so
 * measurements still work within the image but nothing is mapped across series.
 */
function instancePlane(stack: Stack, ipp: readonly number[] | undefined, index: number): { plane: ImagePlane; geometry: ViewerInstance['geometry'] } | null {
  const rows = stack.rows;
  const columns = stack.columns;
  if (rows === undefined || columns === undefined) return null;
  const spacing = stack.pixelSpacing ?? [1, 1];
  if (stack.imageOrientationPatient !== undefined && ipp !== undefined) {
    const real = planeFromDicom({ imagePositionPatient: ipp, imageOrientationPatient: stack.imageOrientationPatient, pixelSpacing: spacing, rows, columns });
    if (real.ok) return { plane: real.value, geometry: stack.pixelSpacing === undefined ? 'synthetic' : 'patient' };
  }
  const stand = planeFromDicom({ imagePositionPatient: [0, 0, index], imageOrientationPatient: AXIAL_IOP, pixelSpacing: spacing, rows, columns });
  return stand.ok ? { plane: stand.value, geometry: 'synthetic' } : null;
}

function orientationOf(stack: Stack, instances: readonly ViewerInstance[]): SeriesOrientation {
  if (stack.orientation === 'axial' || stack.orientation === 'sagittal' || stack.orientation === 'coronal' || stack.orientation === 'oblique') return stack.orientation;
  const first = instances[0];
  return first !== undefined && first.geometry === 'patient' ? classifyPlane(first.plane).orientation : 'unknown';
}

function seriesFromStack(studyKey: string, series: Series, stack: Stack, stackCount: number): ViewerSeries | null {
  const instances: ViewerInstance[] = [];
  stack.instances.forEach((instance, index) => {
    const placed = instancePlane(stack, instance.imagePositionPatient, index);
    if (placed === null) return;
    instances.push({
      imageId: imageIdFor(instance.id),
      source: { instanceId: instance.id, frame: instance.frame ?? 0 },
      ...(instance.sopInstanceUid !== undefined ? { sopInstanceUID: instance.sopInstanceUid } : {}),
      instanceNumber: instance.instanceNumber ?? null,
      plane: placed.plane,
      geometry: placed.geometry,
      spacingSource: stack.pixelSpacingSource,
      sliceThickness: stack.sliceThickness ?? null,
      display: {
        rescaleSlope: instance.rescaleSlope ?? 1,
        rescaleIntercept: instance.rescaleIntercept ?? 0,
        windowCenter: instance.windowCenter?.[0] ?? null,
        windowWidth: instance.windowWidth?.[0] ?? null,
      },
    });
  });
  if (instances.length === 0) return null;
  const realGeometry = instances.every((i) => i.geometry === 'patient');
  const description = series.description ?? '(no description)';
  return {
    key: stack.id,
    studyKey,
    description: stackCount > 1 ? `${description} [${stack.orientation}]` : description,
    modality: series.modality ?? '',
    seriesNumber: series.number ?? null,
    // Without real geometry nothing may be matched to other series: a private frame of reference.
    frameOfReferenceUID: realGeometry ? (stack.frameOfReferenceUid ?? series.frameOfReferenceUid ?? null) : `private:${stack.id}`,
    orientation: orientationOf(stack, instances),
    instances,
  };
}

const patientLabel = (p: Patient): string => (p.name ?? '').replace(/\^+/g, ' ').trim() || '(no name)';

/** The viewer's studies from the study index: one ViewerSeries per image stack (a series may split into several). */
export function studiesFromIndex(index: StudyIndex): ViewerStudy[] {
  const studies: ViewerStudy[] = [];
  for (const patient of index.patients) {
    for (const study of patient.studies) {
      const series: ViewerSeries[] = [];
      for (const s of study.series) {
        for (const stack of s.stacks) {
          const viewerSeries = seriesFromStack(study.uid, s, stack, s.stacks.length);
          if (viewerSeries !== null) series.push(viewerSeries);
        }
      }
      studies.push({
        key: study.uid,
        patientName: patientLabel(patient),
        patientId: patient.id ?? '',
        studyDate: study.date ?? '',
        description: study.description ?? '',
        modalities: study.modalities,
        series,
      });
    }
  }
  return studies;
}
