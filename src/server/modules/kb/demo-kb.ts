import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-schema.js';
import { uuidv7 } from '../../platform/ids.js';
import { articleTokens } from './kb-tokens.js';
import { markdownToText } from './markdown.js';

/**
 * Demo knowledge base: a few categories and articles drawn from the customer's service manuals
 * (service process and standards, complaint handling, building the knowledge base itself).
 */
type DemoArticle = { title: string; category: number; visibility: 'internal' | 'public'; status: 'published' | 'draft'; tags: string[]; body: string };

const CATEGORIES = [
  { name: '服务规范', nameEn: 'Service standards' },
  { name: '投诉处理', nameEn: 'Complaints' },
  { name: '常见问题', nameEn: 'FAQ' },
];

const ARTICLES: DemoArticle[] = [
  {
    title: '客户服务工作流程及服务标准',
    category: 0,
    visibility: 'internal',
    status: 'published',
    tags: ['流程', '服务标准'],
    body: `## 1. 客户咨询阶段\n\n- 客户通过电话、邮件或在线聊天向客服部门咨询问题。\n- 客服人员需**耐心倾听**客户问题，并提供准确、及时的解答和指导。\n- 如果无法立刻解决问题，客服人员应记录客户信息，并承诺在规定时间内回复客户。\n\n## 2. 问题解决阶段\n\n- 根据客户描述的问题判断所属分类，参考事先编制好的解决方案进行处理。\n- 若问题无法立即解决，及时向技术团队、相关部门反馈，并协助跟进。\n\n## 3. 反馈与评估阶段\n\n- 服务完成后，主动征询客户对服务质量的反馈。\n- 对于负面反馈，应认真听取客户意见，尽量解决问题，并在系统中记录。`,
  },
  {
    title: '座席代表用语规范',
    category: 0,
    visibility: 'internal',
    status: 'published',
    tags: ['用语', '培训'],
    body: `## 语气与语调\n\n从接机到挂机的过程中，语气要**轻柔、亲切、热情、自然**；查询过程中尽量采用征询对方意见的口吻。\n\n## 用语\n\n严禁使用反面用语，尽量使用正面言词，推广礼貌用语：\n\n> 您、请、对不起、请稍等、谢谢、再见\n\n说话时话语要诚恳、谦虚；遇到不讲理的用户必须冷静、理智、机智。工作时必须使用普通话。`,
  },
  {
    title: '客户投诉处理流程',
    category: 1,
    visibility: 'internal',
    status: 'published',
    tags: ['投诉'],
    body: `| 步骤 | 要求 |\n|---|---|\n| 投诉接收 | 渠道畅通，及时响应 |\n| 投诉登记 | 记录投诉人、时间、事项并分类 |\n| 调查与分析 | 了解事实真相，找出问题根源 |\n| 投诉处理 | 针对原因制定处理措施 |\n| 跟踪与回访 | 告知结果并回访满意度 |\n\n情况严重的投诉应**立即上报**至上级处理。`,
  },
  {
    title: '如何联系客服并查询处理进度',
    category: 2,
    visibility: 'public',
    status: 'published',
    tags: ['联系方式', '进度'],
    body: `您可以通过电话、邮件、在线客服或客户门户联系我们。\n\n1. 登录客户门户，进入“我的工单”。\n2. 点击工单编号查看处理进度和客服回复。\n3. 问题解决后，欢迎您对本次服务进行评价。`,
  },
  {
    title: '知识库维护指引',
    category: 0,
    visibility: 'internal',
    status: 'draft',
    tags: ['知识库'],
    body: `一个有效的客户服务知识库通常包含：\n\n- **常见问题解答（FAQ）**：客户咨询频率高的问题及其标准答案；\n- **解决方案库**：针对不同问题的详细解决步骤和方法。\n\n知识库可以作为服务流程的标准参考，确保服务的一致性和专业性。`,
  },
];

/** Returns how many articles were created. Runs in the caller's transaction. */
export async function seedDemoKb(db: Kysely<DB>, orgId: string): Promise<number> {
  const author = await db.selectFrom('users').select('id').where('org_id', '=', orgId).where('username', '=', 'admin').executeTakeFirst();
  const categoryIds = CATEGORIES.map(() => uuidv7());
  await db
    .insertInto('kb_categories')
    .values(CATEGORIES.map((c, i) => ({ org_id: orgId, id: categoryIds[i], name: c.name, name_en: c.nameEn, sort: i * 10, parent_id: null })))
    .execute();
  const now = new Date();
  await db
    .insertInto('kb_articles')
    .values(
      ARTICLES.map((a) => ({
        org_id: orgId,
        id: uuidv7(),
        category_id: categoryIds[a.category],
        title: a.title,
        body: a.body,
        visibility: a.visibility,
        status: a.status,
        tags: a.tags,
        search_tokens: articleTokens(a.title, markdownToText(a.body), a.tags),
        author_id: author?.id ?? null,
        published_at: a.status === 'published' ? now : null,
      })),
    )
    .execute();
  return ARTICLES.length;
}
