import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNELS, eventIpcChannel } from '@shared/ipc/channels';
import { refused } from '@shared/ipc/result';
import { dispatch } from './dispatch';
import type { EventHub } from './events';
import type { Handlers } from './handlers';
import type { RefusalLog } from './refusal-log';
import { checkSender, type SenderFacts, type SenderPolicy } from './sender-check';

function senderFacts(event: IpcMainInvokeEvent): SenderFacts {
  const frame = event.senderFrame;
  return {
    frameUrl: frame?.url,
    isMainFrame: frame !== null && frame === event.sender.mainFrame && frame.parent === null,
  };
}

/** Registers every contract channel: sender check, then dispatch (schema in, handler, schema out). */
export function registerIpc(handlers: Handlers, policy: SenderPolicy, log: RefusalLog): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      const facts = senderFacts(event);
      const verdict = checkSender(facts, policy);
      if (!verdict.ok) {
        log({ channel, url: facts.frameUrl ?? '', reason: verdict.reason });
        return refused('forbidden-sender', channel, [`(root): ${verdict.reason}`]);
      }
      const result = await dispatch(channel, payload, handlers);
      if (!result.ok) log({ channel, url: facts.frameUrl ?? '', reason: `${result.refusal.code}: ${result.refusal.problems.join('; ')}` });
      return result;
    });
  }
}

/** Forwards push events to one window's renderer, until the window goes away. */
export function forwardEvents(hub: EventHub, contents: WebContents): void {
  const unsubscribe = hub.subscribe((event, payload) => {
    if (!contents.isDestroyed()) contents.send(eventIpcChannel(event), payload);
  });
  contents.once('destroyed', unsubscribe);
}
