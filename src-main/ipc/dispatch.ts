import { thrownText } from '@shared/dicom/decode/errors';
import { contract, type ChannelName } from '@shared/ipc/contract';
import { isChannelName } from '@shared/ipc/channels';
import { refused, type HostResult } from '@shared/ipc/result';
import { formatProblems, parseUnknown } from '@shared/validation/parse';
import type { Handlers } from './handlers';

/** Reports a handler's exception (with its stack) to the host's log; the caller only gets the message. */
export type FailureSink = (channel: ChannelName, error: unknown) => void;

const defaultFailureSink: FailureSink = (channel, error) => {
  console.error(`[ipc] handler for ${channel} failed:`, error);
};

/**
 * Transport-neutral entry for one host call: the channel and payload are untrusted (they come from a renderer or an
 * HTTP client), so both are checked against the contract; the response is checked too, so a service bug cannot
 * hand the renderer a shape it does not expect.
 */
export async function dispatch(
  channel: unknown,
  payload: unknown,
  handlers: Handlers,
  onFailure: FailureSink = defaultFailureSink,
): Promise<HostResult<unknown>> {
  if (!isChannelName(channel)) {
    const shown = typeof channel === 'string' ? channel.slice(0, 100) : typeof channel;
    return refused('unknown-channel', String(shown), [`(root): unknown channel ${JSON.stringify(shown)}`]);
  }
  const spec = contract[channel];
  const request = parseUnknown(spec.request, payload);
  if (!request.ok) return refused('invalid-request', channel, formatProblems(request.problems));

  // The handler table is indexed by a runtime channel, which TypeScript cannot correlate with the request type;
  // the schema parse above is what makes this call safe.
  const handler = handlers[channel] as (req: unknown) => Promise<unknown>;
  let output: unknown;
  try {
    output = await handler(request.value);
  } catch (error) {
    onFailure(channel, error);
    // Users read this: engine text (RangeError, TypeError…) becomes a sentence of ours; onFailure logs the rest.
    return refused('handler-failed', channel, [`(root): ${thrownText(error)}`]);
  }

  const response = parseUnknown(spec.response, output);
  if (!response.ok) {
    onFailure(channel, new Error(`invalid response: ${formatProblems(response.problems).join('; ')}`));
    return refused('invalid-response', channel, formatProblems(response.problems));
  }
  return { ok: true, value: response.value };
}
