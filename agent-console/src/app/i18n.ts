import { createI18n } from 'vue-i18n';
import zhCN, { type MessageSchema } from './locales/zh-CN';
import en from './locales/en';

export type AppLocale = 'zh-CN' | 'en';

/** Chinese first; English follows the same keys. Composition mode only (no legacy API). */
export const i18n = createI18n<[MessageSchema], AppLocale, false>({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
});

/** Translate outside components (http client, guards, socket dispatcher). */
export function translate(key: string, named?: Record<string, unknown>): string {
  return named ? i18n.global.t(key, named) : i18n.global.t(key);
}
