import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Department } from '@hotline/shared/contracts/departments';
import { listDepartments } from '../api';

/** The units (承办单位) for pickers and filters; fetched once per session, they change rarely. */
export const useDepartmentsStore = defineStore('departments', () => {
  const items = ref<Department[]>([]);
  let loading: Promise<void> | null = null;

  const active = computed(() => items.value.filter((department) => department.active));

  function ensureLoaded(): Promise<void> {
    if (items.value.length > 0) return Promise.resolve();
    loading ??= listDepartments()
      .then((list) => {
        items.value = list.items;
      })
      .catch(() => undefined)
      .finally(() => {
        loading = null;
      });
    return loading;
  }

  function nameOf(id: string | null | undefined): string {
    return items.value.find((department) => department.id === id)?.name ?? '';
  }

  return { items, active, ensureLoaded, nameOf };
});
