import { describe, expect, it } from 'vitest';
import { recordingAccess, type RecordingSubject } from './call-recording.js';

const AGENT = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const UNIT = '00000000-0000-4000-8000-0000000000aa';
const subject = (over: Partial<NonNullable<RecordingSubject['ticket']>> | null = {}): RecordingSubject => ({
  agentId: AGENT,
  ticket: over === null ? null : { createdBy: AGENT, leadDepartmentId: UNIT, confidential: false, ...over },
});

describe('issue 13: who may listen to a call recording', () => {
  it('leads and admins hear every call', () => {
    for (const role of ['lead', 'admin'] as const)
      expect(recordingAccess({ userId: OTHER, role, departmentId: null }, subject({ confidential: true }))).toBe(
        'allowed',
      );
  });
  it('an agent hears the calls they answered or took a ticket on, not colleagues’ calls', () => {
    expect(recordingAccess({ userId: AGENT, role: 'agent', departmentId: null }, subject(null))).toBe('allowed');
    expect(recordingAccess({ userId: OTHER, role: 'agent', departmentId: null }, subject({ createdBy: AGENT }))).toBe(
      'not_yours',
    );
    expect(recordingAccess({ userId: OTHER, role: 'agent', departmentId: null }, subject({ createdBy: OTHER }))).toBe(
      'allowed',
    );
  });
  it('a department hears only its own non-confidential tickets’ calls; a KB editor nothing', () => {
    const handler = { userId: OTHER, role: 'handler' as const, departmentId: UNIT };
    expect(recordingAccess(handler, subject())).toBe('allowed');
    expect(recordingAccess(handler, subject({ confidential: true }))).toBe('confidential');
    expect(recordingAccess(handler, subject({ leadDepartmentId: OTHER }))).toBe('not_yours');
    expect(recordingAccess(handler, subject(null))).toBe('not_yours');
    expect(recordingAccess({ ...handler, departmentId: null }, subject())).toBe('not_yours');
    expect(recordingAccess({ userId: AGENT, role: 'kb_editor', departmentId: null }, subject())).toBe('not_yours');
  });
});
