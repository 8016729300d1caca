import { describe, expect, it } from 'vitest';
import type { RefusalCode } from '@shared/ipc/result';
import { HostError } from '../../../src-renderer/host/host-error';
import { isSessionGone, labelOfSource, lastStudyEmptyMessage, lastStudyMissingMessage, openFailureMessage } from '../../../src-renderer/study/open-messages';

const refusal = (code: RefusalCode): HostError => new HostError({ code, channel: 'study:get-index', problems: ['(root): no open study session AbCdEf_123 at Object.getIndex'] });
const CODES: RefusalCode[] = ['unknown-channel', 'invalid-request', 'invalid-response', 'handler-failed', 'forbidden-sender', 'invalid-json', 'session-gone'];

describe('study browser sentences', () => {
  it('never show a channel, a refusal code or a schema problem', () => {
    for (const error of [...CODES.map(refusal), new TypeError('Failed to fetch'), 'x']) {
      const text = openFailureMessage(error);
      expect(text).toMatch(/^[A-Z].*\.$/);
      for (const raw of ['study:', 'refused', '(root)', 'session-gone', 'handler', 'Failed to fetch', 'AbCdEf_123']) expect(text).not.toContain(raw);
    }
  });

  it('tells a gone session from other refusals', () => {
    expect(isSessionGone(refusal('session-gone'))).toBe(true);
    expect(CODES.filter((code) => isSessionGone(refusal(code)))).toEqual(['session-gone']);
    expect(isSessionGone(new Error('session-gone'))).toBe(false);
  });

  it('names the last study and the missing path when it cannot be reopened', () => {
    expect(lastStudyMissingMessage({ patientName: 'DOE JOHN', studyDate: '20240131', description: 'MR L-SPINE', missingPath: '/media/cd/DICOM' })).toBe(
      'Your last study (DOE JOHN, 2024-01-31, MR L-SPINE) could not be reopened: its files are no longer at /media/cd/DICOM. Open it from where it is now, or choose another study.',
    );
    expect(lastStudyMissingMessage({ patientName: '', studyDate: '', description: '', missingPath: '/x' })).toMatch(/^Your last study could not be reopened: its files are no longer at \/x\./);
    expect(lastStudyEmptyMessage('/x')).toContain('no DICOM images were found at /x');
  });

  it('labels a source as the study browser shows it', () => {
    expect(labelOfSource({ kind: 'sample' })).toBe('Sample study');
    expect(labelOfSource({ kind: 'sample', sample: 'sample' })).toBe('Sample study');
    expect(labelOfSource({ kind: 'sample', sample: 'sample-follow-up' })).toBe('Sample follow-up');
    expect(labelOfSource({ kind: 'paths', paths: ['/a', '/b', '/c'] })).toBe('/a (+2)');
  });
});
