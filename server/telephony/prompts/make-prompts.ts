/**
 * Writes the survey prompt (survey.wav: 8 kHz 16-bit mono PCM) — a stand-in generated locally, three rising beeps
 * (one per key 1/2/3) of 2.4 s. Production replaces the file with the recorded prompt ("请对本次服务进行评价：满意请按1，
 * 基本满意请按2，不满意请按3"), same format. `npx tsx server/telephony/prompts/make-prompts.ts`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RATE = 8000;

export function wavFile(samples: Int16Array): Buffer {
  const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

export function surveyPromptSamples(): Int16Array {
  const beep = 0.5;
  const gap = 0.3;
  const out = new Int16Array(Math.round(RATE * 3 * (beep + gap)));
  [523, 659, 784].forEach((hz, k) => {
    const start = Math.round(RATE * k * (beep + gap));
    for (let i = 0; i < RATE * beep; i++) {
      const fade = Math.min(1, i / 80, (RATE * beep - i) / 80);
      out[start + i] = Math.round(9000 * fade * Math.sin((2 * Math.PI * hz * i) / RATE));
    }
  });
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'survey.wav');
  writeFileSync(file, wavFile(surveyPromptSamples()));
  console.log(`wrote ${file}`);
}
