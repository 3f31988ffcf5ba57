import type { AuditLog } from '../../services/security/audit.js';
import { auditEventSchema, listAuditEventsQuery } from '../audit-schemas.js';
import { type AnyRoute, defineRoute } from '../route.js';
import { pageOf } from '../schemas.js';

export const auditRoutes = (audit: AuditLog): AnyRoute[] => [
  defineRoute({
    method: 'get',
    path: '/v1/audit-events',
    summary:
      'The audit log, newest first: who changed credentials, money, people and settings, when and from where (admins; an app sees its environment)',
    tag: 'Audit',
    auth: 'token',
    query: listAuditEventsQuery,
    responses: { 200: { description: 'A page of audit entries', schema: pageOf(auditEventSchema) } },
    handle: async ({ principal, query }) => ({ status: 200, body: await audit.list(principal, query) }),
  }),
];
