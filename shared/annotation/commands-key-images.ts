/**
 * Key-image edits beyond add/remove (commands-context.ts): accepting the proposed images in one step, and editing a
 * caption. Each is one undo step, like every other report edit.
 */
import { z } from 'zod';
import { AnnotationCommandError, defineCommand, replaceById } from './command-kit';
import { claimId, NewId } from './ids';
import type { KeyImage } from './schema';
import { KeyImageSchema, MAX_TEXT } from './schema';

const NewKeyImage = KeyImageSchema.omit({ id: true }).extend({ id: NewId.optional(), caption: z.string().max(MAX_TEXT).default('') });

export const keyImageCommands = {
  /** Several key images at once (the reader accepts the proposed set): one undo step, not one per image. */
  addKeyImages: defineCommand({
    undo: 'now',
    args: z.strictObject({ keyImages: z.array(NewKeyImage).min(1).max(64) }),
    apply: (doc, { keyImages }) => {
      const out: KeyImage[] = [...doc.report.keyImages];
      for (const { id, ...k } of keyImages) out.push({ id: claimId('keyImage', id, out), ...k });
      return { ...doc, report: { ...doc.report, keyImages: out } };
    },
  }),
  setKeyImageCaption: defineCommand({
    undo: 'now',
    args: z.strictObject({ id: z.string(), caption: z.string().max(MAX_TEXT) }),
    apply: (doc, { id, caption }) => {
      const current = doc.report.keyImages.find((k) => k.id === id);
      if (current === undefined) throw new AnnotationCommandError('not-found', `no key image ${id}`);
      if (current.caption === caption) return doc;
      return { ...doc, report: { ...doc.report, keyImages: replaceById(doc.report.keyImages, id, 'key image', (k) => ({ ...k, caption })) } };
    },
  }),
};
