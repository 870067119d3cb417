import type { FileRow } from './files.repo.js';
import type { FileView } from './files.schema.js';

export function presentFile(row: FileRow): FileView {
  return {
    id: row.id,
    filename: row.filename,
    contentType: row.content_type,
    size: Number(row.size),
    sha256: row.sha256,
    uploadedBy: row.uploaded_by,
    entityType: row.entity_type,
    entityId: row.entity_id,
    createdAt: new Date(row.created_at).toISOString(),
    contentUrl: `/api/v1/files/${row.id}/content`,
  };
}
