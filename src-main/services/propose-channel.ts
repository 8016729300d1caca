// labels:propose: the level proposer (shared/spine/propose-levels.ts) over one series of an open study session.
// The decoded series is kept for the next request (the reader confirms or moves a label and asks again), one
// series at a time, so re-proposing does not decode the series again.
import type { RequestOf, ResponseOf } from '@shared/ipc/contract';
import { vec3 } from '@shared/geometry';
import { proposeLevels } from '@shared/spine/propose-levels';
import type { StudySessions } from './study-session';
import { loadProposalStack, ProposalStackError } from './proposal-stack';
import type { LoadedProposalStack } from './proposal-stack';

type ProposeHandlers = { readonly 'labels:propose': (request: RequestOf<'labels:propose'>) => Promise<ResponseOf<'labels:propose'>> };

export function proposeHandlers(studies: StudySessions): ProposeHandlers {
  let cached: { key: string; loaded: Promise<LoadedProposalStack> } | null = null;
  return {
    'labels:propose': async (request) => {
      const key = `${request.sessionId}\n${request.seriesUid}`;
      try {
        if (cached === null || cached.key !== key) {
          const index = await studies.getIndex(request.sessionId);
          cached = { key, loaded: loadProposalStack(index, request.seriesUid, (id) => studies.readInstance(request.sessionId, id)) };
        }
        const loaded = await cached.loaded;
        const result = proposeLevels({
          stack: loaded.stack,
          ...(loaded.modality === undefined ? {} : { modality: loaded.modality }),
          anchors: request.anchors.map((a) => ({ level: a.level, point: vec3(...a.point) })),
          counts: { thoracicCount: request.thoracicCount, lumbarCount: request.lumbarCount },
          countingMethod: request.countingMethod,
        });
        if (!result.ok) return { status: 'refused', reason: result.reason };
        return {
          status: 'proposed',
          levels: result.levels.map((l) => ({ level: l.level, point: [l.point[0], l.point[1], l.point[2]], confidence: l.confidence, countedFrom: l.countedFrom })),
          warnings: result.warnings.map((w) => ({ code: w.code, message: w.message, ...(w.level === undefined ? {} : { level: w.level }) })),
        };
      } catch (error) {
        cached = null;
        if (error instanceof ProposalStackError) return { status: 'refused', reason: error.message };
        throw error;
      }
    },
  };
}
