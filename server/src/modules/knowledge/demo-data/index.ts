// DEMO DATA — fictional but realistic; not an official catalogue.
// Demo matter knowledge base (事项知识库) of the demo city 示范市: matters, situations and 一件事 bundles.
export type { DemoBundle, DemoDepartmentCode, DemoMaterial, DemoMatter, DemoSituation, VisitClass } from './types.js';
export { DEMO_DEPARTMENT_CODES } from './types.js';
export { DEMO_MATTERS } from './matters.js';
export { DEMO_BUNDLES } from './bundles.js';
