import { BankOutlined, UserOutlined, WarningOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Drawer, Flex, Form, Input, Radio, Row, Space, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { api, ApiError } from '../../ui/api';
import { CustomFieldFormItem } from '../../ui/custom-field-input';
import { isVersionConflict } from '../../ui/server-form-errors';
import { AddressFields, ContactFields, IndividualFields, ManagementFields, OrganizationFields, PreferenceFields, Section } from './customer-form-fields';
import { concealedOf, serverFieldErrors, toCreateBody, toFormValues, toPatchBody, type CustomerFormValues } from './customer-form-values';
import { customerKeys, useCustomerFields } from './customer-queries';
import type { CustomerView, DuplicateCandidate } from './customer-types';
import { DuplicateAlert, DuplicateList } from './duplicate-candidates';
import { PhonesInput } from './phones-input';

type Props = {
  open: boolean;
  /** The customer to edit; absent or null creates a new one. */
  customer?: CustomerView | null;
  onClose: () => void;
  /** After a successful save, with the customer as the server now presents it. */
  onSaved?: (customer: CustomerView) => void;
};

/**
 * 新建 / 编辑客户: the info card form (§2.1) for individuals and organizations. Hints show while
 * typing; the server validates and each of its field messages lands under its field. Possible
 * duplicates are looked up as the user leaves the name, phone, e-mail, credit code or ID number
 * (§2.7 at entry); a create the server still finds a duplicate for asks before going ahead.
 * Edits are sent with If-Match: if someone else saved first, the user may reload.
 */
export function CustomerFormDrawer({ open, customer, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<CustomerFormValues>();
  const fields = useCustomerFields();
  const [current, setCurrent] = useState<CustomerView | null>(customer ?? null);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [candidates, setCandidates] = useState<DuplicateCandidate[]>([]);
  const [checking, setChecking] = useState(false);
  const [replacePhones, setReplacePhones] = useState(false);
  const initial = useRef<CustomerFormValues>(toFormValues(null, undefined));
  const lastCheck = useRef('');
  const kind = Form.useWatch('kind', form) ?? current?.kind ?? 'individual';
  const creating = !current;
  const concealed = concealedOf(current);
  const defs = (fields.data ?? []).filter((d) => d.active);

  const load = (c: CustomerView | null) => {
    setCurrent(c);
    const values = toFormValues(c, me?.id);
    initial.current = values;
    form.resetFields();
    form.setFieldsValue(values);
    setFormError(null);
    setCandidates([]);
    setReplacePhones(false);
    lastCheck.current = '';
  };

  // The form starts over when it opens or is given another customer, not when the caller's copy
  // of the same customer is refetched in the background (that would wipe what the user typed).
  useEffect(() => {
    if (open) load(customer ?? null);
  }, [open, customer?.id]);

  const checkDuplicates = async () => {
    const v = form.getFieldsValue(true) as CustomerFormValues;
    const body = {
      name: v.name?.trim() || undefined,
      phones: (v.phones ?? []).map((p) => p?.value?.trim()).filter((p): p is string => !!p).slice(0, 5),
      email: v.email?.trim() || undefined,
      creditCode: v.kind === 'organization' ? v.creditCode?.trim() || undefined : undefined,
      idNumber: v.kind === 'individual' ? v.idNumber?.trim() || undefined : undefined,
      excludeId: current?.id,
    };
    const key = JSON.stringify(body);
    if (key === lastCheck.current) return;
    lastCheck.current = key;
    if (!body.name && body.phones.length === 0 && !body.email && !body.creditCode && !body.idNumber) {
      setCandidates([]);
      return;
    }
    setChecking(true);
    try {
      const answer = await api<{ candidates: DuplicateCandidate[] }>('/customers/check-duplicates', { body });
      if (lastCheck.current === key) setCandidates(answer.candidates);
    } catch {
      // a failed look-up must not get in the way of typing; the save checks again
    } finally {
      setChecking(false);
    }
  };

  const showErrors = (err: unknown) => {
    const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
    const problems = serverFieldErrors(err);
    const onForm = problems.filter((p) => registered.has(JSON.stringify(Array.isArray(p.name) ? p.name : [p.name])));
    const offForm = problems.filter((p) => !onForm.includes(p));
    if (onForm.length > 0) {
      form.setFields(onForm.map((p) => ({ name: p.name, errors: [p.message], warnings: [] })));
      form.scrollToField(onForm[0].name, { behavior: 'smooth', block: 'center' });
    }
    if (problems.length === 0) setFormError(err instanceof Error ? err.message : String(err));
    else if (offForm.length > 0) setFormError(offForm.map((p) => p.message).join('；'));
    else setFormError(t('customers.form.fixErrors', { count: onForm.length }));
  };

  const askToReload = () =>
    modal.confirm({
      title: t('customers.form.conflictTitle'),
      content: t('customers.form.conflictContent'),
      okText: t('customers.form.conflictReload'),
      cancelText: t('customers.form.conflictStay'),
      onOk: async () => {
        const fresh = await api<CustomerView>(`/customers/${current!.id}`);
        load(fresh);
        qc.setQueryData(customerKeys.one(fresh.id), fresh);
        await qc.invalidateQueries({ queryKey: customerKeys.list });
        message.info(t('customers.form.reloaded'));
      },
    });

  const confirmDuplicate = (found: DuplicateCandidate[]) =>
    modal.confirm({
      title: t('customers.duplicates.confirmTitle', { count: found.length }),
      width: 560,
      content: (
        <>
          <Typography.Paragraph type="secondary">{t('customers.duplicates.confirmHint')}</Typography.Paragraph>
          <DuplicateList candidates={found} />
        </>
      ),
      okText: t('customers.duplicates.createAnyway'),
      cancelText: t('customers.duplicates.backToEdit'),
      okButtonProps: { 'data-testid': 'duplicate-create-anyway' } as Record<string, string>,
      onOk: () => submit(true),
    });

  async function submit(allowDuplicate = false) {
    setFormError(null);
    try {
      await form.validateFields();
    } catch (err) {
      const first = (err as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.scrollToField(first.name, { behavior: 'smooth', block: 'center' });
      return;
    }
    const values = form.getFieldsValue(true) as CustomerFormValues;
    setSaving(true);
    try {
      let saved: CustomerView;
      if (creating) {
        saved = await api<CustomerView>('/customers', { body: { ...toCreateBody(values, defs), ...(allowDuplicate ? { allowDuplicate: true } : {}) } });
        message.success(t('customers.form.created', { name: saved.name }));
      } else {
        const body = toPatchBody(initial.current, values, defs, { concealed, replacePhones });
        if (Object.keys(body).length === 0) {
          message.info(t('customers.form.nothingChanged'));
          onClose();
          return;
        }
        saved = await api<CustomerView>(`/customers/${current.id}`, { method: 'PATCH', ifMatch: current.version, body });
        message.success(t('customers.form.updated', { name: saved.name }));
      }
      qc.setQueryData(customerKeys.one(saved.id), saved);
      await qc.invalidateQueries({ queryKey: customerKeys.list });
      await qc.invalidateQueries({ queryKey: customerKeys.views });
      onSaved?.(saved);
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && err.code === 'possible_duplicate') {
        const found = ((err.details as { candidates?: DuplicateCandidate[] })?.candidates ?? []) as DuplicateCandidate[];
        setCandidates(found);
        confirmDuplicate(found);
      } else if (isVersionConflict(err)) {
        askToReload();
      } else {
        showErrors(err);
      }
    } finally {
      setSaving(false);
    }
  }

  const keepHint = (field: 'email' | 'address' | 'idNumber') => {
    if (!current || !concealed[field]) return undefined;
    const shown = field === 'email' ? current.email : field === 'address' ? current.address : current.idNumber;
    return shown ? t('customers.form.keepMasked', { value: shown }) : t('customers.form.keepHidden');
  };

  const phones =
    current && concealed.phone && !replacePhones ? (
      <div data-testid="phones-masked">
        <Space wrap size={4}>
          <Typography.Text style={{ fontVariantNumeric: 'tabular-nums' }}>
            {current.phones.map((p) => (p.label ? `${p.label} ` : '') + (p.value ?? t('customers.hiddenValue'))).join(t('customers.listSeparator'))}
          </Typography.Text>
          <Button
            type="link"
            size="small"
            onClick={() => {
              setReplacePhones(true);
              form.setFieldValue('phones', [{ value: '', label: null }]);
            }}
          >
            {t('customers.form.replacePhones')}
          </Button>
        </Space>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('customers.form.phonesMaskedHint')}
          </Typography.Text>
        </div>
      </div>
    ) : (
      <>
        {replacePhones && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 8 }}
            title={t('customers.form.replacingPhones')}
            action={
              <Button size="small" type="link" onClick={() => setReplacePhones(false)}>
                {t('customers.form.keepPhones')}
              </Button>
            }
          />
        )}
        <PhonesInput onBlurValue={checkDuplicates} />
      </>
    );

  return (
    <Drawer
      open={open}
      size={780}
      title={creating ? t('customers.form.createTitle') : t('customers.form.editTitle', { name: current?.name })}
      onClose={onClose}
      destroyOnHidden
      maskClosable={false}
      data-testid="customer-form-drawer"
      footer={
        <Flex justify="space-between" align="center" gap={12}>
          <div style={{ minWidth: 0 }}>
            {candidates.length > 0 && (
              <Typography.Link
                type="warning"
                onClick={() => document.getElementById('customer-duplicate-warning')?.scrollIntoView({ behavior: 'smooth', block: 'start' })}
                data-testid="duplicate-footer"
              >
                <WarningOutlined /> {t('customers.duplicates.footer', { count: candidates.length })}
              </Typography.Link>
            )}
          </div>
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="customer-submit">
              {creating ? t('customers.form.createSubmit') : t('common.save')}
            </Button>
          </Space>
        </Flex>
      }
    >
      <Spin spinning={fields.isLoading}>
        <Form form={form} layout="vertical" onFinish={() => void submit()} data-testid="customer-form" scrollToFirstError={false}>
          <DuplicateAlert candidates={candidates} checking={checking} />
          {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="customer-form-error" closable={{ onClose: () => setFormError(null) }} />}
          <Row gutter={16}>
            <Col span={24}>
              <Form.Item name="kind" label={t('customers.fields.kind')}>
                <Radio.Group optionType="button" buttonStyle="solid" data-testid="customer-kind">
                  <Radio.Button value="individual">
                    <UserOutlined /> {t('customers.kind.individual')}
                  </Radio.Button>
                  <Radio.Button value="organization">
                    <BankOutlined /> {t('customers.kind.organization')}
                  </Radio.Button>
                </Radio.Group>
              </Form.Item>
            </Col>
          </Row>
          {kind === 'organization' ? <OrganizationFields onIdentityBlur={checkDuplicates} /> : <IndividualFields onIdentityBlur={checkDuplicates} keepHint={keepHint} />}
          <ContactFields kind={kind} onIdentityBlur={checkDuplicates} keepHint={keepHint} phones={phones} />
          <AddressFields keepHint={keepHint} />
          <ManagementFields creating={creating} owner={current?.ownerId ? { id: current.ownerId, name: current.ownerName } : undefined} status={current?.lifecycleStatus} />
          {defs.length > 0 && (
            <Section title={t('customers.form.sectionCustom')} testId="section-custom">
              {defs.map((def) => (
                <Col span={def.type === 'text' || def.type === 'multiselect' ? 24 : 12} key={def.key}>
                  <CustomFieldFormItem def={def} />
                </Col>
              ))}
            </Section>
          )}
          <PreferenceFields />
          <Section title={t('customers.fields.remark')} testId="section-remark">
            <Col span={24}>
              <Form.Item name="remark">
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} showCount placeholder={t('customers.form.remarkPlaceholder')} />
              </Form.Item>
            </Col>
          </Section>
        </Form>
      </Spin>
    </Drawer>
  );
}
