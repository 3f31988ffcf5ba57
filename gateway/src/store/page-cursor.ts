/** Where a page of a newest-first list ends: its last row, so pages stay stable under inserts. */
export interface PageCursor {
  createdAt: Date;
  id: string;
}
