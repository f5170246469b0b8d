import { queryTerms } from '../knowledge/segmentation.js';
import { addressLikeness, contentLikeness } from './similarity.js';

export interface DuplicateProbe {
  content: string;
  address?: string | null;
  at: Date;
}

export interface DuplicateScore {
  score: number;
  reasons: string[];
}

/**
 * How likely two requests are the same incident (0–1): the place and the problem must both agree (a geometric mean,
 * so one strong signal cannot carry a missing other), slightly discounted when far apart in time.
 */
export function scoreDuplicate(
  probe: DuplicateProbe & { words?: string[] },
  other: DuplicateProbe & { words?: string[] },
  windowHours: number,
): DuplicateScore {
  const wordsA = probe.words ?? queryTerms(probe.content);
  const wordsB = other.words ?? queryTerms(other.content);
  const place = probe.address && other.address ? addressLikeness(probe.address, other.address) : 0.5;
  const topic = Math.min(1, 2.5 * contentLikeness(probe.content, other.content, wordsA, wordsB, [probe.address ?? '', other.address ?? '']));
  const hours = Math.abs(probe.at.getTime() - other.at.getTime()) / 3_600_000;
  const time = Math.max(0, 1 - hours / Math.max(1, windowHours));
  const score = Math.sqrt(place * topic) * (0.85 + 0.15 * time);
  const reasons: string[] = [];
  if (place >= 0.95) reasons.push('地址相同');
  else if (place >= 0.6) reasons.push('地址相近');
  const shared = wordsA.filter((w) => w.length > 1 && wordsB.includes(w)).slice(0, 4);
  if (topic >= 0.5) reasons.push(shared.length ? `诉求相似（${shared.join('、')}）` : '诉求相似');
  else if (shared.length) reasons.push(`共同词语：${shared.join('、')}`);
  reasons.push(hours < 1 ? '同一小时内受理' : hours < 24 ? `相隔 ${Math.round(hours)} 小时` : `相隔 ${Math.round(hours / 24)} 天`);
  return { score: Math.round(score * 1000) / 1000, reasons };
}
