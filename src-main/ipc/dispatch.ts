import { thrownText } from '@shared/dicom/decode/errors';
import { contract, type ChannelName } from '@shared/ipc/contract';
import { isChannelName } from '@shared/ipc/channels';
import { refused, type HostResult } from '@shared/ipc/result';
import { formatProblems, parseUnknown } from '@shared/validation/parse';
import { ServiceRefusal } from '../services/service-refusal';
import type { Handlers } from './handlers';

/** Reports a handler's unexpected exception to the host's log; the caller only gets the refusal. */
export type FailureSink = (channel: ChannelName, error: unknown) => void;

/** One plain line per failure (its kind and message), never a multi-line stack in the host log. */
const defaultFailureSink: FailureSink = (channel, error) => {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  console.error(`[ipc] handler for ${channel} failed: ${what.replace(/\s+/g, ' ').slice(0, 1000)}`);
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
    // An expected refusal (e.g. a session that is no longer open) is a typed answer, not a failure to report.
    if (error instanceof ServiceRefusal) return refused(error.code, channel, [`(root): ${error.message}`]);
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
