import type { Role } from '@hotline/shared/domain/roles';

/** A route that appears in the side navigation. */
export interface NavEntry {
  /** i18n key of the menu label. */
  labelKey: string;
  /** Position in the menu, smallest first. */
  order: number;
}

declare module 'vue-router' {
  interface RouteMeta {
    /** Open without signing in (citizen pages, the sign-in page). */
    public?: boolean;
    /** Roles that may open the route; absent means every signed-in role. */
    roles?: readonly Role[];
    /** i18n key of the page title (document title). */
    titleKey?: string;
    nav?: NavEntry;
  }
}
