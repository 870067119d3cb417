import { PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../../i18n/i18n';
import { ApiError } from '../../ui/api';
import type { UploadedFile } from './ticket-types';

/** Uploads one file to `POST /api/v1/files` (multipart, field "file"); the server checks its type by content. */
export async function uploadFile(file: File): Promise<UploadedFile> {
  const body = new FormData();
  body.append('file', file, file.name);
  const res = await fetch('/api/v1/files', { method: 'POST', body, credentials: 'same-origin', headers: { 'accept-language': i18n.language } });
  const data = (await res.json().catch(() => ({}))) as UploadedFile & { error?: { code?: string; message?: string } };
  if (!res.ok) throw new ApiError(res.status, data.error?.code ?? 'internal', data.error?.message ?? res.statusText);
  return data;
}

type Props = {
  /** The ids of the uploaded files, as the form sends them. */
  value?: string[];
  onChange?: (ids: string[]) => void;
  disabled?: boolean;
  testId?: string;
};

/**
 * Attachments of a ticket or reply: each file is uploaded as soon as it is picked, and the
 * form holds only the file ids. A refused file (type, size) is shown with the server's reason.
 */
export function AttachmentInput({ value = [], onChange, disabled, testId = 'ticket-attachments' }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const shown = files.filter((f) => f.status !== 'done' || (f.response && value.includes((f.response as UploadedFile).id)));

  return (
    <Upload
      multiple
      disabled={disabled}
      fileList={shown}
      customRequest={async ({ file, onSuccess, onError }) => {
        try {
          const uploaded = await uploadFile(file as File);
          onSuccess?.(uploaded);
          onChange?.([...value, uploaded.id]);
        } catch (err) {
          message.error(t('tickets.attachments.failed', { name: (file as File).name, reason: err instanceof Error ? err.message : String(err) }));
          onError?.(err as Error);
        }
      }}
      onChange={({ fileList }) => setFiles(fileList.filter((f) => f.status !== 'error'))}
      onRemove={(f) => {
        const id = (f.response as UploadedFile | undefined)?.id;
        if (id) onChange?.(value.filter((v) => v !== id));
        return true;
      }}
      data-testid={testId}
    >
      <Button icon={<PaperClipOutlined />} disabled={disabled || value.length >= 20}>
        {t('tickets.attachments.add')}
      </Button>
    </Upload>
  );
}
