/** Wire shapes of /api/v1/audit (see src/server/modules/audit). */
export type AuditEntry = {
  seq: number;
  id: string;
  at: string;
  actor: { id: string | null; name: string | null };
  ip: string | null;
  action: string;
  entity: { type: string | null; id: string | null };
  before: unknown;
  after: unknown;
  reason: string | null;
  hash: string;
  prevHash: string;
};

export type VerifyResult = { ok: boolean; checked: number; message: string; firstBrokenSeq?: number; reason?: string };
