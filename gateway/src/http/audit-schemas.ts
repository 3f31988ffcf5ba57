import { AUDIT_ACTIONS, type AuditEvent, ENVIRONMENTS } from '@tillgate/sdk/protocol';
import { z } from 'zod';
import { isoDate, printable, queryInt, timestamp } from './schemas.js';

export const listAuditEventsQuery = z.strictObject({
  actor: printable(100).optional().meta({ description: 'A user id, an app name or a till id' }),
  action: z.enum(AUDIT_ACTIONS).optional(),
  environment: z
    .enum(ENVIRONMENTS)
    .optional()
    .meta({ description: 'Omit for every environment and merchant-wide entries' }),
  from: isoDate.optional().meta({ description: 'Entries at or after this instant' }),
  to: isoDate.optional().meta({ description: 'Entries before this instant' }),
  limit: queryInt(1, 100).default(50),
  cursor: z.string().max(200).optional(),
});

export const auditEventSchema: z.ZodType<AuditEvent> = z.object({
  id: z.string(),
  seq: z.int(),
  environment: z.enum(ENVIRONMENTS).nullable(),
  actor: z.object({ kind: z.enum(['user', 'app', 'till', 'anonymous']), id: z.string().nullable() }),
  action: z.enum(AUDIT_ACTIONS),
  target: z.object({ type: z.string(), id: z.string() }).nullable(),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
  origin: z.object({ ip: z.string().nullable(), user_agent: z.string().nullable() }),
  prev_hash: z.string(),
  hash: z.string(),
  created_at: timestamp,
});
