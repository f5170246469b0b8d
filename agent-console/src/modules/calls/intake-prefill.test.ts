import { describe, expect, it } from 'vitest';
import { buildIntakeBody, emptyIntakeForm } from '../tickets/intake-form';
import { intakePrefill } from './intake-prefill';

describe('intake prefilled from a contact', () => {
  it('carries the caller and the call id into the intake request', () => {
    const form = {
      ...emptyIntakeForm(),
      callerName: '李四',
      address: '文三路100号',
      content: '路灯不亮',
      ...intakePrefill('call', { callerNumber: '13811112222', greenChannel: true, callId: 'call-abc' }),
    };
    const body = buildIntakeBody(form, '经过：');
    expect(body).toMatchObject({ channel: 'phone', callId: 'call-abc', caller: { phone: '13811112222' } });
    expect(body.caller.greenChannel).toBe(true);
  });

  it('sends no call id for a letter or when the contact has none, and a reset form forgets it', () => {
    const prefill = intakePrefill('letter', { callerNumber: null, greenChannel: false, callId: null });
    expect(prefill).toMatchObject({ channel: 'letter', callerPhone: '' });
    const body = buildIntakeBody({ ...emptyIntakeForm(), ...prefill, callerPhone: '13811112222' }, '');
    expect(body).not.toHaveProperty('callId');
    expect(emptyIntakeForm().callId).toBeUndefined();
  });
});
