import { shallowRef } from 'vue';
import type { Softphone } from './softphone';

/** The softphone the desk panel registered (one per sign-in), for 外呼 buttons elsewhere on the desk; null when none. */
export const currentSoftphone = shallowRef<Softphone | null>(null);
