import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Select, Switch, Typography, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { appealsApi } from '../../../api/appeals.ts';
import { useErrorMessage } from '../../../hooks/error-message.ts';
import { useRequest } from '../../../hooks/use-request.ts';
import { portalHref } from '../../portal-routes.tsx';

const toBase64 = (file: File) => new Promise<string>((resolve, reject) => {
  const reader = new FileReader();
  reader.onload = () => resolve(String(reader.result).split(',')[1] ?? '');
  reader.onerror = () => reject(reader.error);
  reader.readAsDataURL(file);
});

interface Values { categoryId?: string; description: string; location?: string; isPublic?: boolean; confidential?: boolean }

/** 我要反映 (portal, phone-first): category, description, up to three attachments, optional location, public or not. */
export default function PortalAppealNewPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const catalogue = useRequest(() => appealsApi.catalogue(), []);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const handleFinish = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      const attachments = await Promise.all(files.slice(0, 3).map(async (f) => ({ name: f.name, contentType: f.type || 'application/octet-stream', dataBase64: await toBase64(f.originFileObj as File) })));
      const created = await appealsApi.create({ ...v, attachments });
      message.success(t('apl.portal.submitted', { n: created.number }));
      navigate(portalHref(`appeals/${created.id}`));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <h2 style={{ fontSize: 20, margin: '4px 0 12px' }}>{t('apl.portal.submitTitle')}</h2>
      <Card className="portal-card">
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form<Values> layout="vertical" size="large" onFinish={(v) => void handleFinish(v)} initialValues={{ isPublic: false, confidential: false }}>
          <Form.Item name="categoryId" label={t('apl.field.category')}>
            <Select allowClear options={(catalogue.data?.categories ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item name="description" label={t('apl.field.description')} rules={[{ required: true, min: 5 }]}>
            <Input.TextArea rows={5} maxLength={4000} showCount placeholder={t('apl.portal.placeholder')} />
          </Form.Item>
          <Form.Item label={t('apl.field.attachments')}>
            <Upload fileList={files} beforeUpload={() => false} maxCount={3} onChange={({ fileList }) => setFiles(fileList.filter((f) => (f.size ?? 0) <= 2 * 1024 * 1024))}>
              <Button block icon={<UploadOutlined aria-hidden />} style={{ whiteSpace: 'normal', height: 'auto', minHeight: 40 }}>{t('apl.portal.photos')}</Button>
            </Upload>
          </Form.Item>
          <Form.Item name="location" label={t('apl.field.location')}><Input /></Form.Item>
          <Form.Item name="isPublic" label={t('apl.field.isPublic')} valuePropName="checked"><Switch /></Form.Item>
          <Form.Item name="confidential" label={t('apl.field.confidential')} valuePropName="checked"><Switch /></Form.Item>
          <Typography.Paragraph type="secondary">{t('apl.list.intro')}</Typography.Paragraph>
          <Button type="primary" htmlType="submit" block loading={saving}>{t('apl.action.submit')}</Button>
        </Form>
      </Card>
    </>
  );
}
