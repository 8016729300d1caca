// The progress panel's first line before and after the host answers (issue 14: never "Indexing Starting… 0 files").
import { describe, expect, it } from 'vitest';
import { progressHeadline, SAMPLE_LABEL, STARTING_LABEL } from '../../../src-renderer/study/open-messages';

describe('progressHeadline', () => {
  it.each<[string, string, string | null, { done: number; total: number } | undefined, string]>([
    ['first start, host not answered yet', STARTING_LABEL, null, undefined, 'Starting…'],
    ['first start, the host writes the sample study', STARTING_LABEL, null, { done: 40, total: 158 }, 'Preparing the sample study…'],
    ['"Open sample study", the host writes it', SAMPLE_LABEL, null, { done: 0, total: 158 }, 'Preparing the sample study…'],
    ['a folder, host not answered yet', 'CT_SPINE', null, undefined, 'Opening CT_SPINE…'],
    ['the sample study indexing', SAMPLE_LABEL, 'session-1', { done: 158, total: 158 }, 'Indexing Sample study'],
    ['a folder indexing', 'CT_SPINE', 'session-2', undefined, 'Indexing CT_SPINE'],
  ])('%s', (_name, label, sessionId, preparing, expected) => {
    expect(progressHeadline(label, sessionId, preparing)).toBe(expected);
  });
});
