import { blindIndex } from '../../platform/crypto.js';
import { parseCnIdNumber } from '../../../shared/cn-id-number.js';
import { parseCreditCode } from '../../../shared/credit-code.js';
import type { DuplicateCandidate } from '../../../shared/customers.js';
import { normalizeCnPhone } from '../../../shared/phone.js';
import { cleanText } from '../../../shared/text-clean.js';
import type { CustomerCtx } from './customers.common.js';
import { presentCandidate } from './customers.service.js';
import { findDuplicateCandidates } from './duplicate-candidates.js';

export type DuplicateCheck = { name?: string; phones?: string[]; email?: string; creditCode?: string; idNumber?: string; excludeId?: string };

/**
 * Possible duplicates of what is being typed into the customer form (§2.7 "at entry"): values
 * are normalized the way they will be stored; ones that do not parse yet are simply not compared.
 */
export async function checkDuplicates(ctx: CustomerCtx, input: DuplicateCheck): Promise<DuplicateCandidate[]> {
  const phones = (input.phones ?? []).map((p) => normalizeCnPhone(p)?.value).filter((p): p is string => !!p);
  const creditCode = input.creditCode ? parseCreditCode(input.creditCode) : null;
  const idNumber = input.idNumber ? parseCnIdNumber(input.idNumber) : null;
  const email = input.email ? cleanText(input.email).toLowerCase() : null;
  const rows = await findDuplicateCandidates(
    ctx.kefu.db,
    ctx.actor.orgId,
    {
      phones,
      email: email && email.includes('@') ? email : null,
      creditCode: creditCode?.ok ? creditCode.value : null,
      idNumberHash: idNumber?.ok ? await blindIndex(ctx.kefu, idNumber.value) : null,
      name: input.name ?? null,
    },
    { excludeId: input.excludeId },
  );
  return rows.map(presentCandidate);
}
