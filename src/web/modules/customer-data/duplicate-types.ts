/**
 * Wire shapes of §2.7 (duplicates page, merge preview, merge, undo), from the shared contract in
 * src/shared/customer-merge.ts, under the names the merge screens use.
 */
import type { CustomerView } from '../../../shared/customers';

export {
  DUPLICATE_REASONS,
  type DuplicateGroupView as DuplicateGroup,
  type DuplicateMemberView as DuplicateMember,
  type DuplicateReason,
  type MergeFieldComparison,
  type MergeParty,
  type MergePreview,
  type MergeResult,
  type MergeSide,
  type MergeView as MergeRecord,
} from '../../../shared/customer-merge';

export type PhoneValue = CustomerView['phones'][number];
