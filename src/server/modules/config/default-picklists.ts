import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-schema.js';
import { uuidv7 } from '../../platform/ids.js';

type SeedItem = { code: string; label: string; labelEn: string; children?: SeedItem[] };
type SeedList = { code: string; name: string; nameEn: string; hierarchical?: boolean; items: SeedItem[] };

const leaf = (code: string, label: string, labelEn: string): SeedItem => ({ code, label, labelEn });

/**
 * The lists every organization starts with. Codes are stable: other modules store them
 * (a ticket's category, a complaint's cause, a churned customer's reason, a call's disposition,
 * an agent's not-ready reason), so administrators may relabel, reorder or deactivate items
 * but the codes never change.
 */
export const DEFAULT_PICKLISTS: SeedList[] = [
  {
    code: 'ticket_category',
    name: '工单分类',
    nameEn: 'Ticket categories',
    hierarchical: true,
    items: [
      {
        code: 'inquiry',
        label: '咨询',
        labelEn: 'Inquiry',
        children: [
          leaf('inquiry.product', '产品咨询', 'Product information'),
          leaf('inquiry.price', '价格与优惠', 'Prices and promotions'),
          leaf('inquiry.order', '订单与物流', 'Orders and delivery'),
          leaf('inquiry.account', '账户与会员', 'Account and membership'),
          leaf('inquiry.usage', '使用指导', 'How-to guidance'),
        ],
      },
      {
        code: 'complaint',
        label: '投诉',
        labelEn: 'Complaint',
        children: [
          leaf('complaint.quality', '产品质量', 'Product quality'),
          leaf('complaint.service', '服务态度', 'Service attitude'),
          leaf('complaint.delivery', '物流配送', 'Delivery'),
          leaf('complaint.billing', '收费争议', 'Billing dispute'),
          leaf('complaint.advertising', '宣传不符', 'Misleading promotion'),
        ],
      },
      {
        code: 'after_sales',
        label: '售后',
        labelEn: 'After-sales',
        children: [
          leaf('after_sales.return', '退货', 'Return'),
          leaf('after_sales.exchange', '换货', 'Exchange'),
          leaf('after_sales.repair', '维修', 'Repair'),
          leaf('after_sales.installation', '安装调试', 'Installation'),
          leaf('after_sales.refund', '退款', 'Refund'),
        ],
      },
      {
        code: 'value_added',
        label: '增值',
        labelEn: 'Value-added services',
        children: [
          leaf('value_added.membership', '会员权益', 'Member benefits'),
          leaf('value_added.warranty', '延保服务', 'Extended warranty'),
          leaf('value_added.points', '积分兑换', 'Points redemption'),
          leaf('value_added.maintenance', '上门保养', 'On-site maintenance'),
        ],
      },
      {
        code: 'suggestion',
        label: '建议',
        labelEn: 'Suggestion',
        children: [
          leaf('suggestion.product', '产品改进', 'Product improvement'),
          leaf('suggestion.service', '服务改进', 'Service improvement'),
          leaf('suggestion.process', '流程优化', 'Process improvement'),
        ],
      },
    ],
  },
  {
    // 客户投诉的原因 (process manual §7.1.1)
    code: 'complaint_cause',
    name: '投诉原因',
    nameEn: 'Complaint causes',
    items: [
      leaf('product_quality', '产品质量', 'Product quality'),
      leaf('service_attitude', '服务态度', 'Service attitude'),
      leaf('information_gap', '信息不对称', 'Information gap'),
      leaf('high_expectation', '期望值过高', 'Expectations too high'),
      leaf('other', '其他', 'Other'),
    ],
  },
  {
    code: 'churn_reason',
    name: '流失原因',
    nameEn: 'Churn reasons',
    items: [
      leaf('natural', '自然流失', 'Natural churn'),
      leaf('malicious', '恶意流失', 'Malicious churn'),
      leaf('competitive', '竞争流失', 'Lost to a competitor'),
      leaf('negligence', '过失流失', 'Lost through our fault'),
    ],
  },
  {
    code: 'disposition',
    name: '处理结果',
    nameEn: 'Dispositions',
    items: [
      leaf('resolved', '已解决', 'Resolved'),
      leaf('follow_up', '需回访', 'Follow-up needed'),
      leaf('to_ticket', '转工单', 'Escalated to ticket'),
      leaf('transferred', '已转接', 'Transferred'),
      leaf('callback', '预约回电', 'Callback scheduled'),
      leaf('invalid_call', '无效来电', 'Invalid call'),
      leaf('nuisance', '骚扰电话', 'Nuisance call'),
    ],
  },
  {
    code: 'not_ready_reason',
    name: '示忙原因',
    nameEn: 'Not-ready reasons',
    items: [
      leaf('short_break', '小休', 'Short break'),
      leaf('training', '培训', 'Training'),
      leaf('meeting', '会议', 'Meeting'),
      leaf('lunch', '午餐', 'Lunch'),
      leaf('after_call_work', '事后处理', 'After-call work'),
    ],
  },
];

/**
 * Creates the default picklists for an organization inside the caller's transaction.
 * Idempotent: lists and items that already exist (by code) are left as they are, so it can
 * also fill in lists added in a later release.
 */
export async function seedDefaultPicklists(tx: Kysely<DB>, orgId: string): Promise<void> {
  for (const list of DEFAULT_PICKLISTS) {
    await tx
      .insertInto('picklists')
      .values({ org_id: orgId, id: uuidv7(), code: list.code, name: list.name, name_en: list.nameEn, hierarchical: list.hierarchical ?? false })
      .onConflict((oc) => oc.columns(['org_id', 'code']).doNothing())
      .execute();
    const { id: picklistId } = await tx.selectFrom('picklists').select('id').where('org_id', '=', orgId).where('code', '=', list.code).executeTakeFirstOrThrow();
    const insert = async (items: SeedItem[], parentId: string | null): Promise<void> => {
      for (const [i, item] of items.entries()) {
        await tx
          .insertInto('picklist_items')
          .values({ org_id: orgId, id: uuidv7(), picklist_id: picklistId, parent_id: parentId, code: item.code, label: item.label, label_en: item.labelEn, sort: (i + 1) * 10 })
          .onConflict((oc) => oc.columns(['org_id', 'picklist_id', 'code']).doNothing())
          .execute();
        if (item.children) {
          const parent = await tx
            .selectFrom('picklist_items')
            .select('id')
            .where('org_id', '=', orgId)
            .where('picklist_id', '=', picklistId)
            .where('code', '=', item.code)
            .executeTakeFirstOrThrow();
          await insert(item.children, parent.id);
        }
      }
    };
    await insert(list.items, null);
  }
}
