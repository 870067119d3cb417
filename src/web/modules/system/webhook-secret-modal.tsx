import { Alert, Button, Descriptions, Modal, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 12 } as const;

const NODE_SAMPLE = `import { createHmac, timingSafeEqual } from 'node:crypto';

// rawBody: the request body exactly as received (do not re-serialize the JSON)
function verify(secret, headers, rawBody) {
  const ts = headers['x-kefu-timestamp'];
  if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) return false; // replay window
  const expected = 'sha256=' + createHmac('sha256', secret).update(ts + '.' + rawBody).digest('hex');
  const given = headers['x-kefu-signature'] ?? '';
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}`;

const PYTHON_SAMPLE = `import hmac, hashlib, time

def verify(secret: str, headers, raw_body: bytes) -> bool:
    ts = headers["X-Kefu-Timestamp"]
    if abs(time.time() - int(ts)) > 300:  # replay window
        return False
    mac = hmac.new(secret.encode(), ts.encode() + b"." + raw_body, hashlib.sha256)
    expected = "sha256=" + mac.hexdigest()
    return hmac.compare_digest(expected, headers.get("X-Kefu-Signature", ""))`;

/** How a receiver checks `X-Kefu-Signature`; shared by the secret dialog and the page help. */
export function SignatureHelp() {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Paragraph>{t('webhooks.verify.intro')}</Typography.Paragraph>
      <Descriptions size="small" column={1} bordered styles={{ label: { width: 170 } }}>
        <Descriptions.Item label={<span style={mono}>X-Kefu-Signature</span>}>
          <span style={mono}>sha256=HEX(HMAC_SHA256(secret, timestamp + "." + body))</span>
        </Descriptions.Item>
        <Descriptions.Item label={<span style={mono}>X-Kefu-Timestamp</span>}>{t('webhooks.verify.timestamp')}</Descriptions.Item>
        <Descriptions.Item label={<span style={mono}>X-Kefu-Event</span>}>{t('webhooks.verify.event')}</Descriptions.Item>
        <Descriptions.Item label={<span style={mono}>X-Kefu-Delivery</span>}>{t('webhooks.verify.delivery')}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph style={{ marginTop: 12 }}>{t('webhooks.verify.steps')}</Typography.Paragraph>
      <Tabs
        size="small"
        items={[
          { key: 'node', label: 'Node.js', children: <pre style={{ ...mono, background: '#fafafa', padding: 12, borderRadius: 6, overflow: 'auto', margin: 0 }}>{NODE_SAMPLE}</pre> },
          { key: 'python', label: 'Python', children: <pre style={{ ...mono, background: '#fafafa', padding: 12, borderRadius: 6, overflow: 'auto', margin: 0 }}>{PYTHON_SAMPLE}</pre> },
        ]}
      />
    </>
  );
}

/** The signing secret, shown exactly once after create or rotate, with how to verify deliveries. */
export function WebhookSecretModal({ secret, name, onClose }: { secret: string | null; name: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={!!secret}
      width={720}
      title={t('webhooks.secretTitle', { name })}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose} data-testid="webhook-secret-done">
          {t('webhooks.secretSaved')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('webhooks.secretOnce')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph
        copyable={{ text: secret ?? '', tooltips: [t('common.copy'), t('common.copied')] }}
        style={{ ...mono, fontSize: 14, background: '#f6ffed', border: '1px solid #b7eb8f', borderRadius: 6, padding: '10px 12px', wordBreak: 'break-all' }}
        data-testid="webhook-secret"
      >
        {secret}
      </Typography.Paragraph>
      <SignatureHelp />
    </Modal>
  );
}
