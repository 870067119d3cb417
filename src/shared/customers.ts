import { z } from 'zod';

/**
 * Wire contract of the customer file (§2): enums, request bodies and the presented shapes,
 * shared by the server (validation, OpenAPI) and the web app (types, forms).
 * Field-level Chinese validation (phones, ID numbers, credit codes, regions) runs in the server
 * service, which answers 400 with the field's path and a message in the user's language.
 */

export const CUSTOMER_KINDS = ['individual', 'organization'] as const;
export const LIFECYCLE_STATUSES = ['potential', 'new', 'active', 'at_risk', 'churned', 'won_back'] as const;
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];
/** Seed classifications: by marketing (经济型/道德型/个性化/方便型), management (头顶/常规/临时), product relation (中间/最终). */
export const CLASS_MARKETING = ['economic', 'ethical', 'personal', 'convenience'] as const;
export const CLASS_MANAGEMENT = ['top', 'regular', 'temporary'] as const;
export const CLASS_PRODUCT = ['intermediate', 'final'] as const;
export const SOURCE_CHANNELS = ['phone', 'web', 'wechat', 'email', 'walk_in', 'referral', 'exhibition', 'sales', 'import', 'other'] as const;
export const COMPANY_SIZES = ['micro', 'small', 'medium', 'large'] as const;
export const GENDERS = ['male', 'female'] as const;
export const CONTACT_ROLES = ['decision_maker', 'influencer', 'purchaser', 'user', 'finance', 'technical', 'other'] as const;
export const ORDER_STATUSES = ['open', 'completed', 'cancelled', 'returned'] as const;
export const INVOICE_STATUSES = ['open', 'paid', 'void'] as const;
export const PAYMENT_METHODS = ['transfer', 'cash', 'card', 'wechat_pay', 'alipay', 'other'] as const;
/** What the 360 timeline can hold; other modules append their kinds through the timeline service. */
export const TIMELINE_KINDS = [
  'created', 'updated', 'status', 'owner', 'note', 'ticket', 'call', 'message', 'visit', 'survey',
  'order', 'invoice', 'payment', 'tier', 'credit', 'merge', 'consent', 'anonymized',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** Allowed transitions of the lifecycle (潜在 → 新客户 → 现实 → 风险 → 流失 → 挽回). */
export const LIFECYCLE_TRANSITIONS: Record<LifecycleStatus, readonly LifecycleStatus[]> = {
  potential: ['new', 'active', 'churned'],
  new: ['active', 'at_risk', 'churned'],
  active: ['at_risk', 'churned'],
  at_risk: ['active', 'churned'],
  churned: ['won_back'],
  won_back: ['active', 'at_risk', 'churned'],
};

const text = (max: number) => z.string().trim().max(max);
/** '' from a cleared form field means "none". */
const optionalText = (max: number) => text(max).nullish();
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const tagList = z
  .array(z.string().trim().min(1).max(20))
  .max(30)
  .transform((l) => [...new Set(l)]);
export const phoneInput = z.strictObject({ value: z.string().trim().min(1).max(40), label: optionalText(20) });
export const preferencesInput = z.strictObject({
  likes: optionalText(500),
  habits: optionalText(500),
  needs: optionalText(500),
  contactTime: optionalText(100),
  preferredChannel: optionalText(40),
});
const customValues = z.record(z.string().max(40), z.unknown());

const customerFields = {
  name: z.string().max(200),
  nameEn: optionalText(128),
  gender: z.enum(GENDERS).nullish(),
  birthday: isoDay.nullish().or(z.literal('')),
  phones: z.array(phoneInput).max(5),
  email: optionalText(254),
  wechat: optionalText(64),
  provinceCode: optionalText(6),
  cityCode: optionalText(6),
  districtCode: optionalText(6),
  address: optionalText(200),
  company: optionalText(128),
  jobTitle: optionalText(64),
  creditCode: optionalText(40),
  industry: optionalText(64),
  companySize: z.enum(COMPANY_SIZES).nullish(),
  legalRep: optionalText(64),
  registeredCapitalFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullish(),
  /** Validated (18 digits, checksum, birthday), stored encrypted, presented by field rule. */
  idNumber: optionalText(40),
  sourceChannel: z.enum(SOURCE_CHANNELS).nullish(),
  ownerId: z.uuid().nullish(),
  classMarketing: z.enum(CLASS_MARKETING).nullish(),
  classManagement: z.enum(CLASS_MANAGEMENT).nullish(),
  classProduct: z.enum(CLASS_PRODUCT).nullish(),
  isInternal: z.boolean(),
  tags: tagList,
  custom: customValues,
  preferences: preferencesInput,
  remark: text(4000),
};

export const createCustomerBody = z.strictObject({
  kind: z.enum(CUSTOMER_KINDS),
  ...customerFields,
  phones: customerFields.phones.optional(),
  isInternal: customerFields.isInternal.optional(),
  tags: customerFields.tags.optional(),
  custom: customerFields.custom.optional(),
  preferences: customerFields.preferences.optional(),
  remark: customerFields.remark.optional(),
  lifecycleStatus: z.enum(LIFECYCLE_STATUSES).optional(),
  /** Create even though possible duplicates were found (the answer was 409 `possible_duplicate`). */
  allowDuplicate: z.boolean().optional(),
});
export type CreateCustomerBody = z.infer<typeof createCustomerBody>;

export const updateCustomerBody = z.strictObject({
  kind: z.enum(CUSTOMER_KINDS).optional(),
  name: customerFields.name.optional(),
  nameEn: customerFields.nameEn,
  gender: customerFields.gender,
  birthday: customerFields.birthday,
  phones: customerFields.phones.optional(),
  email: customerFields.email,
  wechat: customerFields.wechat,
  provinceCode: customerFields.provinceCode,
  cityCode: customerFields.cityCode,
  districtCode: customerFields.districtCode,
  address: customerFields.address,
  company: customerFields.company,
  jobTitle: customerFields.jobTitle,
  creditCode: customerFields.creditCode,
  industry: customerFields.industry,
  companySize: customerFields.companySize,
  legalRep: customerFields.legalRep,
  registeredCapitalFen: customerFields.registeredCapitalFen,
  idNumber: customerFields.idNumber,
  sourceChannel: customerFields.sourceChannel,
  ownerId: customerFields.ownerId,
  classMarketing: customerFields.classMarketing,
  classManagement: customerFields.classManagement,
  classProduct: customerFields.classProduct,
  isInternal: customerFields.isInternal.optional(),
  tags: customerFields.tags.optional(),
  custom: customerFields.custom.optional(),
  preferences: customerFields.preferences.optional(),
  remark: customerFields.remark.optional(),
});
export type UpdateCustomerBody = z.infer<typeof updateCustomerBody>;

export const changeStatusBody = z.strictObject({ status: z.enum(LIFECYCLE_STATUSES), reason: text(500).optional() });
export type ChangeStatusBody = z.infer<typeof changeStatusBody>;

/* ---------- filters, views and segments ---------- */

export const FILTER_OPS = ['eq', 'neq', 'in', 'not_in', 'contains', 'empty', 'not_empty', 'gt', 'gte', 'lt', 'lte', 'has_any', 'has_all'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];
/** Fields a filter may name; `custom.<key>` names a custom field. */
export const FILTER_FIELDS = [
  'kind', 'name', 'lifecycleStatus', 'ownerId', 'departmentId', 'sourceChannel', 'classMarketing', 'classManagement',
  'classProduct', 'isInternal', 'tags', 'provinceCode', 'cityCode', 'districtCode', 'gender', 'industry', 'companySize',
  'email', 'company', 'createdAt', 'updatedAt', 'lastActivityAt', 'birthday',
] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

const filterValue = z.union([z.string().max(200), z.number(), z.boolean(), z.array(z.union([z.string().max(200), z.number()])).max(100)]);
export const filterCondition = z.strictObject({
  field: z.union([z.enum(FILTER_FIELDS), z.string().regex(/^custom\.[a-z][a-z0-9_]{0,39}$/)]),
  op: z.enum(FILTER_OPS),
  value: filterValue.optional(),
});
export type FilterCondition = z.infer<typeof filterCondition>;
export const customerFilter = z.strictObject({
  match: z.enum(['all', 'any']).default('all'),
  conditions: z.array(filterCondition).max(30),
});
export type CustomerFilter = z.infer<typeof customerFilter>;

export const CUSTOMER_SORTS = ['created_at', 'updated_at', 'name', 'last_activity_at'] as const;

export const VIEW_COLUMNS = [
  'name', 'kind', 'phone', 'email', 'lifecycleStatus', 'owner', 'tags', 'region', 'company', 'sourceChannel',
  'classManagement', 'industry', 'createdAt', 'updatedAt', 'lastActivityAt',
] as const;
export const viewDefinition = z.strictObject({
  q: z.string().max(100).optional(),
  filter: customerFilter.optional(),
  columns: z.array(z.union([z.enum(VIEW_COLUMNS), z.string().regex(/^custom\.[a-z][a-z0-9_]{0,39}$/)])).max(40).optional(),
  sort: z.string().max(40).optional(),
});
export type ViewDefinition = z.infer<typeof viewDefinition>;
export const createViewBody = z.strictObject({
  kind: z.enum(['view', 'segment']),
  name: z.string().trim().min(1).max(64),
  shared: z.boolean().optional(),
  definition: viewDefinition,
});
/** `GET /api/v1/customer-views`: the caller's own views and segments plus those colleagues shared. */
export const savedViewView = z.object({
  id: z.uuid(),
  kind: z.enum(['view', 'segment']),
  name: z.string(),
  shared: z.boolean(),
  /** The caller owns it (only then may it be changed or deleted). */
  mine: z.boolean(),
  ownerName: z.string().nullable(),
  definition: viewDefinition,
  /** Segments: live count of matching customers in the caller's scope. */
  count: z.number().int().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type SavedView = z.infer<typeof savedViewView>;

/** `POST /api/v1/customers/bulk` answer. */
export type BulkResult = { updated: number; skipped: { id: string; code: string; message: string }[] };

export const updateViewBody = z.strictObject({
  name: z.string().trim().min(1).max(64).optional(),
  shared: z.boolean().optional(),
  definition: viewDefinition.optional(),
});

export const bulkBody = z.strictObject({
  ids: z.array(z.uuid()).min(1).max(1000),
  action: z.enum(['assign', 'add_tags', 'remove_tags', 'status']),
  ownerId: z.uuid().optional(),
  tags: tagList.optional(),
  status: z.enum(LIFECYCLE_STATUSES).optional(),
  reason: text(500).optional(),
});
export type BulkBody = z.infer<typeof bulkBody>;

/* ---------- contacts, consumption, notes ---------- */

export const contactBody = z.strictObject({
  name: z.string().trim().min(1).max(64),
  jobTitle: optionalText(64),
  role: z.enum(CONTACT_ROLES).optional(),
  strength: z.number().int().min(1).max(5).optional(),
  phone: optionalText(40),
  email: optionalText(254),
  wechat: optionalText(64),
  isPrimary: z.boolean().optional(),
  notes: text(2000).optional(),
});
export type ContactBody = z.infer<typeof contactBody>;
export const updateContactBody = contactBody.partial();

export const productBody = z.strictObject({
  sku: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(128),
  category: optionalText(64),
  unitPriceFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  active: z.boolean().optional(),
});
export const orderItemInput = z.strictObject({
  productId: z.uuid().nullish(),
  sku: optionalText(64),
  name: z.string().trim().min(1).max(128),
  quantity: z.number().positive().max(1_000_000),
  unitPriceFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
export const orderBody = z.strictObject({
  orderNo: z.string().trim().min(1).max(64),
  orderedAt: z.iso.datetime({ offset: true }),
  status: z.enum(ORDER_STATUSES).optional(),
  items: z.array(orderItemInput).max(200).optional(),
  /** Defaults to the sum of the items. */
  amountFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  marginFen: z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER).nullish(),
  channel: optionalText(40),
});
export const invoiceBody = z.strictObject({
  invoiceNo: z.string().trim().min(1).max(64),
  orderId: z.uuid().nullish(),
  issuedAt: isoDay,
  dueAt: isoDay,
  amountFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  status: z.enum(INVOICE_STATUSES).optional(),
});
export const paymentBody = z.strictObject({
  invoiceId: z.uuid().nullish(),
  paidAt: z.iso.datetime({ offset: true }),
  amountFen: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  method: z.enum(PAYMENT_METHODS).optional(),
  reference: optionalText(64),
});
export const noteBody = z.strictObject({ text: z.string().trim().min(1).max(4000) });

/* ---------- presented shapes ---------- */

export const phoneView = z.object({ value: z.string().nullable(), kind: z.enum(['mobile', 'landline']), label: z.string().nullable() });
export const customerView = z.object({
  id: z.uuid(),
  kind: z.enum(CUSTOMER_KINDS),
  name: z.string(),
  nameEn: z.string().nullable(),
  gender: z.enum(GENDERS).nullable(),
  birthday: z.string().nullable(),
  /** Each number presented through the viewer's field rule for `phone` (`138****5678`). */
  phones: z.array(phoneView),
  email: z.string().nullable(),
  wechat: z.string().nullable(),
  provinceCode: z.string().nullable(),
  cityCode: z.string().nullable(),
  districtCode: z.string().nullable(),
  /** 广东省 深圳市 南山区 */
  regionLabel: z.string().nullable(),
  /** Street address, presented through the field rule for `address`. */
  address: z.string().nullable(),
  company: z.string().nullable(),
  jobTitle: z.string().nullable(),
  creditCode: z.string().nullable(),
  industry: z.string().nullable(),
  companySize: z.enum(COMPANY_SIZES).nullable(),
  legalRep: z.string().nullable(),
  registeredCapitalFen: z.number().nullable(),
  /** Presented through the field rule for `id_number`. */
  idNumber: z.string().nullable(),
  maskedFields: z.array(z.string()),
  hiddenFields: z.array(z.string()),
  sourceChannel: z.string().nullable(),
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  departmentId: z.uuid().nullable(),
  lifecycleStatus: z.enum(LIFECYCLE_STATUSES),
  classMarketing: z.string().nullable(),
  classManagement: z.string().nullable(),
  classProduct: z.string().nullable(),
  isInternal: z.boolean(),
  tags: z.array(z.string()),
  custom: z.record(z.string(), z.unknown()),
  preferences: z.record(z.string(), z.string().nullable()),
  remark: z.string(),
  lastActivityAt: z.string().nullable(),
  mergedIntoId: z.uuid().nullable(),
  anonymizedAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CustomerView = z.infer<typeof customerView>;
export const customerPage = z.object({ items: z.array(customerView), nextCursor: z.string().nullable() });

export const duplicateCandidate = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(CUSTOMER_KINDS),
  /** Why it matched: phone, email, credit_code, id_number, name. */
  reasons: z.array(z.string()),
  ownerName: z.string().nullable(),
  createdAt: z.string(),
});
export type DuplicateCandidate = z.infer<typeof duplicateCandidate>;

export const contactView = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  name: z.string(),
  jobTitle: z.string().nullable(),
  role: z.enum(CONTACT_ROLES),
  strength: z.number().int(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  wechat: z.string().nullable(),
  isPrimary: z.boolean(),
  notes: z.string(),
  maskedFields: z.array(z.string()),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ContactView = z.infer<typeof contactView>;

export const timelineEntryView = z.object({
  id: z.uuid(),
  at: z.string(),
  kind: z.string(),
  title: z.string(),
  detail: z.record(z.string(), z.unknown()),
  sourceType: z.string().nullable(),
  sourceId: z.string().nullable(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
});
export type TimelineEntryView = z.infer<typeof timelineEntryView>;
export const timelinePage = z.object({ items: z.array(timelineEntryView), nextCursor: z.string().nullable() });
