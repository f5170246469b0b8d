/**
 * Call quality for the call record (话单): the MOS rtpengine measured from RTCP when there is one, else an estimate
 * with the ITU-T G.107 E-model for G.711 from the packet loss (and the jitter when known). The loss itself is
 * estimated from the packets rtpengine counted on a leg against what 20 ms G.711 sends in the talk time (no
 * silence suppression on trunks and the project's phones), so it is an estimate, and labelled so on screen.
 */

/** Packets per second of 20 ms G.711 (what trunks, desk phones and the scripted phones send). */
export const PACKETS_PER_SECOND = 50;

/** Loss of one leg in percent (0–100), or null when the talk time is too short to tell. */
export function estimatedLossPercent(packets: number, mediaSeconds: number): number | null {
  if (!Number.isFinite(packets) || mediaSeconds < 2) return null;
  const expected = mediaSeconds * PACKETS_PER_SECOND;
  const loss = Math.max(0, Math.min(1, 1 - packets / expected));
  return Math.round(loss * 1000) / 10;
}

/**
 * E-model MOS for G.711 (Ie = 0, Bpl = 25.1 with packet-loss concealment), one-way delay taken as a jitter buffer
 * of twice the jitter plus 40 ms of packetisation and network. Returns MOS ×10 (10–45).
 */
export function estimatedMosX10(lossPercent: number, jitterMs = 0): number {
  const delay = 40 + 2 * Math.max(0, jitterMs);
  const id = delay < 160 ? delay / 40 : (delay - 120) / 10;
  const ppl = Math.max(0, Math.min(100, lossPercent));
  const ieEff = 0 + (95 - 0) * (ppl / (ppl + 25.1));
  const r = Math.max(0, Math.min(100, 93.2 - id - ieEff));
  const mos = 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r);
  return Math.round(Math.max(1, Math.min(4.5, mos)) * 10);
}
