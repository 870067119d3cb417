import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Skeleton, Steps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, ApiError, fieldErrors } from '../../ui/api';
import { PageCard } from '../../ui/page-card';
import { ExportButton } from './export-button';
import { ImportMapping } from './import-mapping';
import { ImportProgress } from './import-progress';
import { useImportProgress } from './import-realtime';
import type { DuplicateMode, ImportStatus, ImportView } from './import-types';
import { ImportUpload } from './import-upload';
import { ImportValidation } from './import-validation';

const STEP_OF: Record<ImportStatus, number> = { uploaded: 1, validated: 2, running: 3, done: 3, failed: 3 };

/**
 * 导入客户 (§2.8): upload → map columns → dry run with a report → run with live progress.
 * The import's id rides in the URL (?id=), so a reload or a return mid-run finds it again.
 */
export default function ImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const id = params.get('id');
  const [stepOverride, setStep] = useState<number | null>(null);
  const [preview, setPreview] = useState<string[][] | null>(null);
  const [busy, setBusy] = useState<'validate' | 'run' | null>(null);
  const [mappingErrors, setMappingErrors] = useState<Record<string, string>>({});
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const key = ['customerData', 'import', id];

  const query = useQuery({
    queryKey: key,
    queryFn: () => api<ImportView>(`/customer-imports/${id}`),
    enabled: !!id,
    // The run commits at the end; the socket shows progress, this poll notices the end.
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1500 : false),
  });
  const imp = query.data;
  const step = !id ? 0 : (stepOverride ?? (imp ? STEP_OF[imp.status] : 1));
  const live = useImportProgress(id, !!id && step >= 1);

  const put = (next: ImportView) => qc.setQueryData(['customerData', 'import', next.id], next);

  const restart = () => {
    setParams({}, { replace: false });
    setStep(null);
    setPreview(null);
    setStartedAt(null);
    setMappingErrors({});
    live.reset();
  };

  const uploaded = (next: ImportView) => {
    setPreview(next.preview ?? null);
    put(next);
    setStep(1);
    setMappingErrors({});
    setParams({ id: next.id });
  };

  const validate = async (mapping: Record<string, string>, duplicateMode: DuplicateMode) => {
    if (!imp) return;
    setBusy('validate');
    setMappingErrors({});
    try {
      put(await api<ImportView>(`/customer-imports/${imp.id}`, { method: 'PATCH', body: { mapping, duplicateMode } }));
    } catch (err) {
      setMappingErrors(fieldErrors(err));
      message.error(err instanceof ApiError ? err.message : String(err));
      setBusy(null);
      return;
    }
    live.reset();
    setStep(2);
    try {
      put(await api<ImportView>(`/customer-imports/${imp.id}/validate`, { method: 'POST' }));
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
      setStep(1);
      void query.refetch();
    } finally {
      setBusy(null);
    }
  };

  const run = async () => {
    if (!imp) return;
    setBusy('run');
    live.reset();
    try {
      const started = await api<ImportView>(`/customer-imports/${imp.id}/run`, { method: 'POST' });
      setStartedAt(Date.now());
      put(started);
      setStep(3);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
      void query.refetch();
    } finally {
      setBusy(null);
    }
  };

  const stepItems = [
    { title: t('customerData.steps.upload'), content: step > 0 && imp ? imp.filename : t('customerData.steps.uploadHint') },
    { title: t('customerData.steps.mapping'), content: t('customerData.steps.mappingHint') },
    { title: t('customerData.steps.check'), content: t('customerData.steps.checkHint') },
    { title: t('customerData.steps.run'), content: imp?.status === 'done' ? t('customerData.steps.runDone') : t('customerData.steps.runHint') },
  ];

  let body;
  if (step === 0) body = <ImportUpload onUploaded={uploaded} />;
  else if (query.error) body = <Alert type="error" showIcon title={query.error.message} action={<a onClick={restart}>{t('customerData.progress.another')}</a>} />;
  else if (!imp) body = <Skeleton active />;
  else if (step === 1)
    body = <ImportMapping key={imp.id} imp={imp} preview={preview} busy={busy === 'validate'} serverErrors={mappingErrors} onBack={restart} onNext={validate} />;
  else if (step === 2)
    body = (
      <ImportValidation
        imp={imp}
        validating={busy === 'validate'}
        progress={live.progress}
        starting={busy === 'run'}
        onBack={() => setStep(1)}
        onRestart={restart}
        onRun={run}
      />
    );
  else
    body = (
      <ImportProgress
        imp={imp}
        progress={live.progress}
        startedAt={startedAt}
        retrying={busy === 'run'}
        onRetry={run}
        onBack={() => setStep(2)}
        onRestart={restart}
      />
    );

  return (
    <PageCard title={t('customerData.import.title')} description={t('customerData.import.description')} extra={<ExportButton />}>
      <Steps
        current={step}
        status={imp?.status === 'failed' && step === 3 ? 'error' : imp?.status === 'done' && step === 3 ? 'finish' : 'process'}
        items={stepItems}
        style={{ marginBottom: 32 }}
        data-testid="import-steps"
      />
      {body}
    </PageCard>
  );
}
