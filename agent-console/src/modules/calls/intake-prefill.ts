import type { CallerDetails } from '@hotline/shared/contracts/calls';
import type { ContactChannel } from '@hotline/shared/domain/routing-policy';
import type { IntakeFormModel } from '../tickets/intake-form';

/** What the desk's caller endpoint returns when the agent starts 受理建单 from a contact (the parts intake uses). */
export type CallerForIntake = Pick<CallerDetails, 'callerNumber' | 'greenChannel' | 'callId'>;

const CHANNEL_FOR_INTAKE = { call: 'phone', callback: 'phone', web: 'web', letter: 'letter' } as const;

/**
 * The intake fields filled from the contact: the caller, the channel, and the call id so the ticket records the call
 * it came from (tickets.call_id). Fields the agent already typed are left alone.
 */
export function intakePrefill(
  channel: ContactChannel,
  caller: CallerForIntake,
): Pick<IntakeFormModel, 'callerPhone' | 'greenChannel' | 'channel' | 'callId'> {
  return {
    callerPhone: caller.callerNumber ?? '',
    greenChannel: caller.greenChannel,
    channel: CHANNEL_FOR_INTAKE[channel],
    callId: caller.callId ?? undefined,
  };
}
