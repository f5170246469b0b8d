import { shallowRef } from 'vue';
import type { Softphone } from './softphone';

/** The sign-in's softphone (SoftphoneHost in the app shell), for the desk panel and the 外呼 buttons; null when none. */
export const currentSoftphone = shallowRef<Softphone | null>(null);
