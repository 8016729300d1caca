/**
 * Consistency repairs on a schema-valid document (the schema cannot see across records): duplicate ids and links to
 * measurements that are gone. Each repair is reported.
 */
import type { Problem } from '../validation/parse';
import { uniqueId } from './ids';
import type { AnnotationDocument } from './schema';

function dedupe<T extends { id: string }>(items: readonly T[], path: string, problems: Problem[]): T[] {
  const taken = new Set<string>();
  return items.map((item, i) => {
    const id = uniqueId(item.id, taken);
    taken.add(id);
    if (id === item.id) return item;
    problems.push({ path: `${path}[${i}].id`, message: `duplicate id ${item.id}: renamed ${id}` });
    return { ...item, id };
  });
}

export function normaliseDocument(doc: AnnotationDocument): { document: AnnotationDocument; problems: Problem[] } {
  const problems: Problem[] = [];
  const measurements = dedupe(doc.measurements, 'measurements', problems);
  const heightIds = new Set(measurements.filter((m) => m.kind === 'vertebral-heights').map((m) => m.id));
  const alignmentIds = new Set(measurements.filter((m) => m.kind === 'cobb' || m.kind === 'translation' || m.kind === 'angle').map((m) => m.id));
  const lesions = dedupe(doc.lesions, 'lesions', problems).map((lesion, i) => {
    let out = lesion;
    const link = lesion.collapse.measurementId;
    if (link !== undefined && !heightIds.has(link)) {
      problems.push({ path: `lesions[${i}].collapse.measurementId`, message: `no height measurement ${link}: collapse kept as the reader's choice` });
      out = { ...out, collapse: { value: lesion.collapse.value, source: 'reader' } };
    }
    const aids = lesion.alignment.measurementIds.filter((id) => alignmentIds.has(id));
    if (aids.length !== lesion.alignment.measurementIds.length) {
      problems.push({ path: `lesions[${i}].alignment.measurementIds`, message: 'links to missing alignment measurements removed' });
      out = { ...out, alignment: { ...out.alignment, measurementIds: aids, source: aids.length === 0 ? 'reader' : out.alignment.source } };
    }
    return out;
  });
  const labels = dedupe(doc.labels, 'labels', problems);
  const keyImages = dedupe(doc.report.keyImages, 'report.keyImages', problems);
  if (problems.length === 0) return { document: doc, problems };
  return { document: { ...doc, measurements, lesions, labels, report: { ...doc.report, keyImages } }, problems };
}
