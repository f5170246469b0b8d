/** `GET/PUT /api/admin/workflow-policy`: the schema is the domain's (defined once in domain/workflow-policy.ts). */
export { WorkflowPolicy, DEFAULT_WORKFLOW_POLICY } from '../domain/workflow-policy.js';
