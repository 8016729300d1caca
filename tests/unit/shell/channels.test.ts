import { describe, expect, expectTypeOf, it } from 'vitest';
import { CHANNELS, EVENTS, isChannelName, methodName, type MethodNameOf } from '@shared/ipc/channels';
import { contract, events } from '@shared/ipc/contract';

describe('channel list', () => {
  it('names exactly the contract channels (the preload builds its API from this list)', () => {
    expect([...CHANNELS].sort()).toEqual(Object.keys(contract).sort());
  });

  it('names exactly the contract events', () => {
    expect([...EVENTS].sort()).toEqual(Object.keys(events).sort());
  });

  it('gives every channel a distinct camelCase method name', () => {
    expect(methodName('app:info')).toBe('appInfo');
    expect(methodName('app:log-renderer-error')).toBe('appLogRendererError');
    const names = CHANNELS.map(methodName);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][A-Za-z0-9]*$/);
  });

  it('derives the same method name at the type level', () => {
    expectTypeOf<MethodNameOf<'app:log-renderer-error'>>().toEqualTypeOf<'appLogRendererError'>();
    expectTypeOf<MethodNameOf<'study:open-folder'>>().toEqualTypeOf<'studyOpenFolder'>();
  });

  it('recognises only listed channels', () => {
    expect(isChannelName('app:info')).toBe(true);
    expect(isChannelName('app:nope')).toBe(false);
    expect(isChannelName(42)).toBe(false);
  });
});
