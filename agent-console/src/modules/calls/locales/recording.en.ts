import type { monitor as zhMonitor, recording as zhRecording } from './recording.zh-CN';

export const recording: typeof zhRecording = {
  title: 'Call recording',
  length: 'Length',
  keptUntil: 'Kept until',
  hash: 'Hash',
  play: 'Play recording',
  audited: 'Every playback is audited',
  purged: 'The recording was deleted after its retention period',
  outboundTitle: 'Outbound call recordings (return visits, callbacks)',
  dialledAt: 'Call time',
};

export const monitor: typeof zhMonitor = {
  listen: 'Listen',
  stop: 'Stop',
  failed: 'Could not connect (listen, whisper or barge)',
  unavailable: 'Not supported by the media server',
  takeoverSent: 'The agent’s console is transferring the caller to you: answer on this page’s lead softphone',
  takeoverFailed: 'Could not start the take-over',
  mode: { listen: 'Listen', whisper: 'Whisper', barge: 'Barge', takeover: 'Take over' },
};
