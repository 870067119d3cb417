import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Progress, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../ui/api';
import { uploadImportFile } from './import-api';
import { downloadTemplate } from './import-template';
import { MAX_FILE_MB, MAX_ROWS, type ImportView } from './import-types';

const ACCEPT = '.csv,.xlsx';

/** Step 1 上传文件: drag a CSV or XLSX here (or pick one); the server answers its headers and a suggested mapping. */
export function ImportUpload({ onUploaded }: { onUploaded: (imp: ImportView) => void }) {
  const { t, i18n } = useTranslation();
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);

  const send = async (file: File) => {
    setError(null);
    setFileName(file.name);
    if (!/\.(csv|xlsx)$/i.test(file.name)) {
      setError(t('customerData.upload.wrongFormat', { name: file.name }));
      return;
    }
    if (file.size > MAX_FILE_MB * 1_048_576) {
      setError(t('customerData.upload.tooLarge', { name: file.name, limit: MAX_FILE_MB }));
      return;
    }
    setPercent(0);
    try {
      onUploaded(await uploadImportFile(file, setPercent));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setPercent(null);
    }
  };

  return (
    <div style={{ maxWidth: 760, margin: '0 auto' }} data-testid="import-upload">
      <Upload.Dragger
        accept={ACCEPT}
        multiple={false}
        showUploadList={false}
        disabled={percent !== null}
        beforeUpload={(file) => {
          void send(file);
          return Upload.LIST_IGNORE;
        }}
        data-testid="import-file"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('customerData.upload.drop')}</p>
        <p className="ant-upload-hint">{t('customerData.upload.hint', { mb: MAX_FILE_MB, rows: MAX_ROWS.toLocaleString() })}</p>
      </Upload.Dragger>
      {percent !== null && (
        <div style={{ marginTop: 16 }} data-testid="import-uploading">
          <Typography.Text>{t('customerData.upload.uploading', { name: fileName })}</Typography.Text>
          <Progress percent={percent} status="active" />
        </div>
      )}
      {error && <Alert style={{ marginTop: 16 }} type="error" showIcon title={t('customerData.upload.failed')} description={error} data-testid="import-upload-error" />}
      <div style={{ marginTop: 24, padding: 16, background: '#fafafa', borderRadius: 8 }}>
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          <Typography.Text strong>{t('customerData.upload.rulesTitle')}</Typography.Text>
          <Typography.Text type="secondary">• {t('customerData.upload.ruleHeader')}</Typography.Text>
          <Typography.Text type="secondary">• {t('customerData.upload.ruleEncoding')}</Typography.Text>
          <Typography.Text type="secondary">• {t('customerData.upload.ruleValues')}</Typography.Text>
          <Typography.Text type="secondary">• {t('customerData.upload.ruleSafe')}</Typography.Text>
          <div>
            <Button icon={<DownloadOutlined />} onClick={() => downloadTemplate(i18n.language)} data-testid="import-template">
              {t('customerData.upload.template')}
            </Button>
          </div>
        </Space>
      </div>
    </div>
  );
}
