import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { defineComponent } from 'vue';
import { createMemoryHistory, createRouter, type RouteRecordRaw, type Router } from 'vue-router';
import type { CurrentUser } from '@hotline/shared/contracts/auth';
import type { Role } from '@hotline/shared/domain/roles';

const elMessage = vi.hoisted(() => vi.fn());
vi.mock('element-plus', () => ({ ElMessage: elMessage }));

const fetchCurrentSession = vi.hoisted(() => vi.fn());
vi.mock('../modules/auth/api', () => ({
  fetchCurrentSession,
  signIn: vi.fn(),
  signOut: vi.fn(),
}));

const { installRouteGuards } = await import('./guards');
const { appRoutes } = await import('./routes');

// Pages are lazy .vue files; the guards only need the route table, so every page is a stub here.
const PageStub = defineComponent({ render: () => null });
function withStubPages(records: RouteRecordRaw[]): RouteRecordRaw[] {
  return records.map((record) => {
    if (!('component' in record) || !record.component) return record;
    const children = 'children' in record && record.children ? withStubPages(record.children) : undefined;
    return { ...record, component: PageStub, ...(children ? { children } : {}) } as RouteRecordRaw;
  });
}
const stubbedRoutes = withStubPages(appRoutes);

function userWithRole(role: Role): CurrentUser {
  return { id: 'u1', username: 'u1', displayName: '张三', role, departmentId: null, departmentName: null };
}

/** A fresh tab: new pinia (nobody restored yet), new router, one navigation. */
async function openAs(role: Role | null, path: string): Promise<Router> {
  setActivePinia(createPinia());
  if (role) fetchCurrentSession.mockResolvedValue({ user: userWithRole(role), idleTimeoutSeconds: 1800 });
  else fetchCurrentSession.mockRejectedValue(new Error('401'));
  const router = createRouter({ history: createMemoryHistory(), routes: stubbedRoutes });
  installRouteGuards(router);
  await router.push(path);
  return router;
}

describe('route guards', () => {
  beforeEach(() => {
    vi.stubGlobal('document', { title: '' });
    elMessage.mockClear();
    fetchCurrentSession.mockReset();
  });

  it('sends a visitor who is not signed in to /login, remembering the page', async () => {
    const router = await openAs(null, '/tickets');
    expect(router.currentRoute.value.fullPath).toBe('/login?redirect=/tickets');
    expect(fetchCurrentSession).toHaveBeenCalledTimes(1);
  });

  it('opens citizen pages without signing in', async () => {
    expect((await openAs(null, '/enquiry')).currentRoute.value.name).toBe('public-enquiry');
    const notice = await openAs(null, '/notice/abc123');
    expect(notice.currentRoute.value.params.token).toBe('abc123');
  });

  it('sends a role away from a page it may not open, with a message', async () => {
    const router = await openAs('agent', '/admin');
    expect(router.currentRoute.value.path).toBe('/desk');
    expect(elMessage).toHaveBeenCalledWith(expect.objectContaining({ message: '无权访问该页面' }));
  });

  it('lands each role on its home from / and from /login', async () => {
    expect((await openAs('lead', '/')).currentRoute.value.path).toBe('/wallboard');
    expect((await openAs('dept_head', '/login')).currentRoute.value.path).toBe('/department');
    expect((await openAs('kb_editor', '/no-such-page')).currentRoute.value.path).toBe('/knowledge');
  });

  it('lets handlers open their inbox but not the ticket list', async () => {
    expect((await openAs('handler', '/department')).currentRoute.value.path).toBe('/department');
    expect((await openAs('handler', '/tickets')).currentRoute.value.path).toBe('/department');
  });
});
