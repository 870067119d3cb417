import { saveBlob } from './export-save';

/**
 * The import template, built in the browser: headers the server's column mapper recognizes
 * (in the UI language; both languages are recognized) and two example rows, one person and
 * one company. UTF-8 with BOM so Excel opens the Chinese text correctly.
 */
const TEMPLATE: Record<'zh-CN' | 'en', { headers: string[]; rows: string[][]; file: string }> = {
  'zh-CN': {
    headers: ['名称', '类型', '手机', '座机', '邮箱', '微信号', '性别', '生日', '所在地区', '地址', '公司', '职务', '统一社会信用代码', '行业', '企业规模', '来源', '负责人', '标签', '状态', '备注'],
    rows: [
      ['张伟', '个人', '13800138000', '', 'zhangwei@example.com', 'zhangwei_88', '男', '1988-06-15', '广东省深圳市南山区', '科技园南区 8 栋 1201', '深圳市示例科技有限公司', '采购经理', '', '', '', '转介绍', '', 'VIP、老客户', '现实', '每月初回访'],
      ['上海示例贸易有限公司', '企业', '', '021-62345678', 'service@example.cn', '', '', '', '上海市浦东新区', '张江路 100 号', '', '', '91310000MA1K4LT3X6', '批发零售', '中型', '展会', '', '经销商', '潜在', ''],
    ],
    file: '客户导入模板.csv',
  },
  en: {
    headers: ['Name', 'Type', 'Mobile', 'Telephone', 'Email', 'WeChat ID', 'Gender', 'Birthday', 'Region', 'Address', 'Company', 'Job title', 'Credit code', 'Industry', 'Company size', 'Source', 'Owner', 'Tags', 'Status', 'Remark'],
    rows: [
      ['张伟', 'Individual', '13800138000', '', 'zhangwei@example.com', 'zhangwei_88', 'Male', '1988-06-15', '广东省深圳市南山区', 'Building 8, Room 1201', 'Example Tech Co., Ltd.', 'Purchasing manager', '', '', '', 'Referral', '', 'VIP, loyal', 'Active', 'Call back monthly'],
      ['上海示例贸易有限公司', 'Organization', '', '021-62345678', 'service@example.cn', '', '', '', '上海市浦东新区', '100 Zhangjiang Rd', '', '', '91310000MA1K4LT3X6', 'Wholesale', 'Medium', 'Exhibition', '', 'Distributor', 'Potential', ''],
    ],
    file: 'customer-import-template.csv',
  },
};

const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function templateCsv(lang: string): { text: string; file: string } {
  const tpl = TEMPLATE[lang === 'en' ? 'en' : 'zh-CN'];
  const lines = [tpl.headers, ...tpl.rows].map((r) => r.map(cell).join(','));
  return { text: `\uFEFF${lines.join('\r\n')}\r\n`, file: tpl.file };
}

export function downloadTemplate(lang: string): void {
  const { text, file } = templateCsv(lang);
  saveBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), file);
}
