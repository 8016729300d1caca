import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDocument } from '@shared/annotation/defaults';
import type { AnnotationDocument } from '@shared/annotation/schema';
import { draftHandlers } from '../../../src-main/services/draft-channels';
import { DraftStore } from '../../../src-main/services/draft-store/index';

// The draft:save handler when a closing page's last save overtakes the save that was in flight.
const UID = '1.2.826.0.1.3680043.2.1125.7';
const base = createDocument({ studyInstanceUID: UID, readerName: 'R', now: '2026-01-01T00:00:00.000Z', appVersion: 't', rulesVersion: 'r' });
const rev = (revision: number, doc: AnnotationDocument = base): AnnotationDocument => ({ ...doc, revision, report: { ...doc.report, freeText: `rev ${revision}` } });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'draft-channels-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('draft:save ordering', () => {
  it('an older revision of the same document arriving after a newer one is not written over it', async () => {
    const handlers = draftHandlers(new DraftStore(dir));
    expect(await handlers['draft:save']({ studyInstanceUID: UID, document: rev(6) })).toEqual({ saved: true, revision: 6 });
    expect(await handlers['draft:save']({ studyInstanceUID: UID, document: rev(5) })).toEqual({ saved: true, revision: 6 });
    const loaded = await handlers['draft:load']({ studyInstanceUID: UID });
    expect(loaded.document?.report.freeText).toBe('rev 6');
  });

  it('a new document (start fresh: another createdAt) replaces the draft even with a lower revision', async () => {
    const handlers = draftHandlers(new DraftStore(dir));
    await handlers['draft:save']({ studyInstanceUID: UID, document: rev(9) });
    const fresh = rev(1, { ...base, createdAt: '2026-02-01T00:00:00.000Z' });
    expect(await handlers['draft:save']({ studyInstanceUID: UID, document: fresh })).toEqual({ saved: true, revision: 1 });
    expect((await handlers['draft:load']({ studyInstanceUID: UID })).document?.report.freeText).toBe('rev 1');
  });
});
