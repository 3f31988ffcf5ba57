import type { Report } from '@tillgate/sdk/protocol';
import type { ReportRecord } from '../../store/reports.js';

export function reportView(r: ReportRecord): Report {
  return {
    id: r.id,
    kind: r.kind,
    format: r.format,
    status: r.status,
    filters: r.filters,
    filename: r.filename,
    rows_done: r.rowsDone,
    rows_total: r.rowsTotal,
    failure_reason: r.failureReason,
    size_bytes: r.sizeBytes,
    created_at: r.createdAt.toISOString(),
    completed_at: r.completedAt?.toISOString() ?? null,
    expires_at: r.expiresAt.toISOString(),
  };
}
