import { createPinia } from 'pinia';

/** The one pinia instance; installed in main.ts before the router so guards can use stores. */
export const pinia = createPinia();
