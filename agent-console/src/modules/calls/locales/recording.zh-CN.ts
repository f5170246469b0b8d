/** zh-CN strings of call recording playback (通话录音) and the lead's listen-in (班长监听). */
export const recording = {
  title: '通话录音',
  length: '时长',
  keptUntil: '保存至',
  hash: '校验值',
  play: '收听录音',
  audited: '每次收听都会记入审计',
  purged: '录音已过保存期限并已删除',
  outboundTitle: '外呼录音（回访、漏接回拨）',
  dialledAt: '通话时间',
};

export const monitor = {
  listen: '监听',
  stop: '结束',
  failed: '未能接通（监听、耳语或强插）',
  unavailable: '当前媒体服务器不支持该方式',
  takeoverSent: '已通知坐席将来电转给您，请在本页“班长软电话”接听',
  takeoverFailed: '代接未能发起',
  mode: { listen: '监听', whisper: '耳语', barge: '强插', takeover: '代接' },
};
