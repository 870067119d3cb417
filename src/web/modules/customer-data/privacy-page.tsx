import { Space } from 'antd';
import { PersonalDataRequestCard } from './personal-data-request-card';
import { RetentionCard } from './retention-card';

/** 个人信息保护 (§2.11): the retention policy, and requests of one person (export, anonymize, consents). */
export default function PrivacyPage() {
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <RetentionCard />
      <PersonalDataRequestCard />
    </Space>
  );
}
