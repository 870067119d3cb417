import { Col, DatePicker, Divider, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { parseCnIdNumber } from '../../../shared/cn-id-number';
import { parseCreditCode } from '../../../shared/credit-code';
import { CLASS_MANAGEMENT, CLASS_MARKETING, CLASS_PRODUCT, COMPANY_SIZES, GENDERS, LIFECYCLE_STATUSES, SOURCE_CHANNELS, type LifecycleStatus } from '../../../shared/customers';
import { LifecycleTag } from './customer-tags';
import { enumOptions, PREFERRED_CHANNELS } from './customer-labels';
import { RegionCascader } from './region-cascader';
import { UserPicker } from './user-picker';

/** A titled group of fields in the customer form. */
export function Section({ title, children, testId }: { title: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <div data-testid={testId}>
      <Divider titlePlacement="start" style={{ margin: '8px 0 16px', fontSize: 14 }}>
        {title}
      </Divider>
      <Row gutter={16}>{children}</Row>
    </div>
  );
}

/** Birthday as `YYYY-MM-DD` on the wire, a date picker on screen. */
const dayProps = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(v) : null }),
  normalize: (v: dayjs.Dayjs | null) => (v ? v.format('YYYY-MM-DD') : null),
};

/** Hint rules: shown as warnings while typing, never blocking; the server's answer is the verdict. */
function useHints() {
  const { t } = useTranslation();
  return {
    creditCode: {
      warningOnly: true,
      validator: (_: unknown, v: string | undefined) =>
        !v?.trim() || parseCreditCode(v).ok ? Promise.resolve() : Promise.reject(new Error(t('customers.form.creditCodeHint'))),
    },
    idNumber: {
      warningOnly: true,
      validator: (_: unknown, v: string | undefined) => (!v?.trim() || parseCnIdNumber(v).ok ? Promise.resolve() : Promise.reject(new Error(t('customers.form.idNumberHint')))),
    },
    email: { type: 'email' as const, warningOnly: true, message: t('customers.form.emailHint') },
  };
}

type KeepHint = (field: 'email' | 'address' | 'idNumber') => string | undefined;

/** 个人: name, English name, gender, birthday, ID number, company, job title. */
export function IndividualFields({ onIdentityBlur, keepHint }: { onIdentityBlur: () => void; keepHint: KeepHint }) {
  const { t } = useTranslation();
  const hints = useHints();
  return (
    <Section title={t('customers.form.sectionBasic')} testId="section-basic">
      <Col span={12}>
        <Form.Item name="name" label={t('customers.fields.personName')} rules={[{ required: true, whitespace: true, message: t('customers.form.nameRequired') }]}>
          <Input maxLength={64} showCount onBlur={onIdentityBlur} placeholder={t('customers.form.personNamePlaceholder')} data-testid="customer-name" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="nameEn" label={t('customers.fields.nameEn')}>
          <Input maxLength={128} placeholder="Wei Zhang" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="gender" label={t('customers.fields.gender')}>
          <Select allowClear options={enumOptions(t, 'gender', GENDERS)} placeholder={t('customers.form.selectPlaceholder')} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="birthday" label={t('customers.fields.birthday')} {...dayProps}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} data-testid="customer-birthday" />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="idNumber" label={t('customers.fields.idNumber')} validateTrigger="onBlur" rules={[hints.idNumber]} extra={keepHint('idNumber') ?? t('customers.form.idNumberExtra')}>
          <Input maxLength={40} onBlur={onIdentityBlur} placeholder={keepHint('idNumber') ? t('customers.form.unchanged') : '11010519491231002X'} data-testid="customer-id-number" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="company" label={t('customers.fields.company')}>
          <Input maxLength={128} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="jobTitle" label={t('customers.fields.jobTitle')}>
          <Input maxLength={64} />
        </Form.Item>
      </Col>
    </Section>
  );
}

/** 单位: name, 统一社会信用代码, industry, size, legal representative, registered capital (元). */
export function OrganizationFields({ onIdentityBlur }: { onIdentityBlur: () => void }) {
  const { t, i18n } = useTranslation();
  const hints = useHints();
  return (
    <Section title={t('customers.form.sectionBasic')} testId="section-basic">
      <Col span={24}>
        <Form.Item name="name" label={t('customers.fields.orgName')} rules={[{ required: true, whitespace: true, message: t('customers.form.orgNameRequired') }]}>
          <Input maxLength={128} showCount onBlur={onIdentityBlur} placeholder={t('customers.form.orgNamePlaceholder')} data-testid="customer-name" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="creditCode" label={t('customers.fields.creditCode')} validateTrigger="onBlur" rules={[hints.creditCode]} extra={t('customers.form.creditCodeExtra')}>
          <Input maxLength={40} onBlur={onIdentityBlur} placeholder="91440300MA5XXXXXXX" style={{ textTransform: 'uppercase' }} data-testid="customer-credit-code" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="legalRep" label={t('customers.fields.legalRep')}>
          <Input maxLength={64} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="industry" label={t('customers.fields.industry')}>
          <Input maxLength={64} placeholder={t('customers.form.industryPlaceholder')} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="companySize" label={t('customers.fields.companySize')}>
          <Select allowClear options={enumOptions(t, 'companySize', COMPANY_SIZES)} placeholder={t('customers.form.selectPlaceholder')} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="registeredCapitalYuan" label={t('customers.fields.registeredCapital')} extra={t('customers.form.registeredCapitalExtra')}>
          <InputNumber<number>
            min={0}
            precision={2}
            style={{ width: '100%' }}
            suffix={t('customers.form.yuan')}
            formatter={(v) => (v === undefined || v === null || `${v}` === '' ? '' : Number(v).toLocaleString(i18n.language === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 2 }))}
            parser={(v) => Number((v ?? '').replace(/[^\d.]/g, ''))}
            data-testid="customer-capital"
          />
        </Form.Item>
      </Col>
    </Section>
  );
}

/** Email, WeChat (individuals); phones are a list of their own above. */
export function ContactFields({ kind, onIdentityBlur, keepHint, phones }: { kind: 'individual' | 'organization'; onIdentityBlur: () => void; keepHint: KeepHint; phones: ReactNode }) {
  const { t } = useTranslation();
  const hints = useHints();
  return (
    <Section title={t('customers.form.sectionContact')} testId="section-contact">
      <Col span={24}>
        <Form.Item label={t('customers.fields.phones')} required={false}>
          {phones}
        </Form.Item>
      </Col>
      <Col span={kind === 'individual' ? 12 : 24}>
        <Form.Item name="email" label={t('customers.fields.email')} validateTrigger="onBlur" rules={[hints.email]} extra={keepHint('email')}>
          <Input maxLength={254} onBlur={onIdentityBlur} placeholder={keepHint('email') ? t('customers.form.unchanged') : 'name@example.com'} data-testid="customer-email" />
        </Form.Item>
      </Col>
      {kind === 'individual' && (
        <Col span={12}>
          <Form.Item name="wechat" label={t('customers.fields.wechat')}>
            <Input maxLength={64} placeholder="wxid_abc123" data-testid="customer-wechat" />
          </Form.Item>
        </Col>
      )}
    </Section>
  );
}

export function AddressFields({ keepHint }: { keepHint: KeepHint }) {
  const { t } = useTranslation();
  return (
    <Section title={t('customers.form.sectionAddress')} testId="section-address">
      <Col span={12}>
        <Form.Item name="region" label={t('customers.fields.region')}>
          <RegionCascader data-testid="customer-region" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="address" label={t('customers.fields.address')} extra={keepHint('address')}>
          <Input maxLength={200} placeholder={keepHint('address') ? t('customers.form.unchanged') : t('customers.form.addressPlaceholder')} />
        </Form.Item>
      </Col>
    </Section>
  );
}

/** Source, owner, (on create) status, classifications, internal flag, tags. */
export function ManagementFields({ creating, owner, status }: { creating: boolean; owner?: { id: string; name: string | null }; status?: LifecycleStatus }) {
  const { t } = useTranslation();
  return (
    <Section title={t('customers.form.sectionManagement')} testId="section-management">
      <Col span={12}>
        <Form.Item name="sourceChannel" label={t('customers.fields.sourceChannel')}>
          <Select allowClear options={enumOptions(t, 'sourceChannel', SOURCE_CHANNELS)} placeholder={t('customers.form.selectPlaceholder')} data-testid="customer-source" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="ownerId" label={t('customers.fields.owner')} extra={creating ? t('customers.form.ownerExtra') : undefined}>
          <UserPicker known={owner ? [owner] : []} data-testid="customer-owner" />
        </Form.Item>
      </Col>
      {creating ? (
        <Col span={12}>
          <Form.Item name="lifecycleStatus" label={t('customers.fields.lifecycleStatus')} extra={t('customers.form.statusExtra')}>
            <Select options={enumOptions(t, 'status', LIFECYCLE_STATUSES)} data-testid="customer-status-select" />
          </Form.Item>
        </Col>
      ) : (
        status && (
          <Col span={12}>
            <Form.Item label={t('customers.fields.lifecycleStatus')} extra={t('customers.form.statusEditExtra')}>
              <LifecycleTag status={status} />
            </Form.Item>
          </Col>
        )
      )}
      <Col span={12}>
        <Form.Item name="classManagement" label={t('customers.fields.classManagement')}>
          <Select allowClear options={enumOptions(t, 'classManagement', CLASS_MANAGEMENT)} placeholder={t('customers.form.selectPlaceholder')} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="classMarketing" label={t('customers.fields.classMarketing')}>
          <Select allowClear options={enumOptions(t, 'classMarketing', CLASS_MARKETING)} placeholder={t('customers.form.selectPlaceholder')} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="classProduct" label={t('customers.fields.classProduct')}>
          <Select allowClear options={enumOptions(t, 'classProduct', CLASS_PRODUCT)} placeholder={t('customers.form.selectPlaceholder')} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="isInternal" label={t('customers.fields.isInternal')} valuePropName="checked" extra={t('customers.form.internalExtra')}>
          <Switch checkedChildren={t('customers.internal')} unCheckedChildren={t('customers.external')} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="tags" label={t('customers.fields.tags')} extra={t('customers.form.tagsExtra')}>
          <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} suffixIcon={null} maxCount={30} placeholder={t('customers.form.tagsPlaceholder')} data-testid="customer-tags" />
        </Form.Item>
      </Col>
    </Section>
  );
}

/** §2.4 preferences: likes, habits, needs, best time to call, preferred channel. */
export function PreferenceFields() {
  const { t } = useTranslation();
  const area = (name: string, placeholder: string) => (
    <Col span={24}>
      <Form.Item name={['preferences', name]} label={t(`customers.fields.${name}`)}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} placeholder={placeholder} />
      </Form.Item>
    </Col>
  );
  return (
    <Section title={t('customers.form.sectionPreferences')} testId="section-preferences">
      {area('likes', t('customers.form.likesPlaceholder'))}
      {area('habits', t('customers.form.habitsPlaceholder'))}
      {area('needs', t('customers.form.needsPlaceholder'))}
      <Col span={12}>
        <Form.Item name={['preferences', 'contactTime']} label={t('customers.fields.contactTime')}>
          <Input maxLength={100} placeholder={t('customers.form.contactTimePlaceholder')} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={['preferences', 'preferredChannel']} label={t('customers.fields.preferredChannel')}>
          <Select allowClear options={enumOptions(t, 'preferredChannel', PREFERRED_CHANNELS)} placeholder={t('customers.form.selectPlaceholder')} />
        </Form.Item>
      </Col>
    </Section>
  );
}
