import { createApp } from 'vue';
import ElementPlus from 'element-plus';
import 'element-plus/dist/index.css';
import App from './App.vue';
import { i18n } from './app/i18n';
import { pinia } from './app/pinia';
import { router } from './app/router';
import { bindSessionLifecycle } from './app/session';

const app = createApp(App);
// Pinia first: the router's guards and the session binding use stores.
app.use(pinia);
app.use(i18n);
app.use(ElementPlus);
bindSessionLifecycle(router);
app.use(router);

// Mount after the first navigation so the sign-in check (GET /api/auth/me) never flashes the wrong page.
void router.isReady().finally(() => app.mount('#app'));
