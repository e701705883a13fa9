import { useMemo, useState } from 'react';
import dayjs from 'dayjs';
import { App, Button, Card, Empty, Flex, Form, Input, Popconfirm, Select, Space, Table, Tag, TreeSelect, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { regionsApi, usersApi } from '../../api/endpoints.ts';
import { ROLES, type Role, type User } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { buildRegionTree, regionOptions } from '../../components/region-tree.ts';
import { useErrorMessage } from '../../hooks/error-message.ts';
import { can, canCreate } from '../../hooks/policies.ts';
import { useIsMobile } from '../../hooks/use-breakpoint.ts';
import { usePagination } from '../../hooks/use-pagination.ts';
import { useRequest } from '../../hooks/use-request.ts';

interface UserFormValues {
  username: string;
  displayName: string;
  password?: string;
  role: Role;
  unitId?: string | null;
  regionId?: string | null;
}

type Editing = { mode: 'create' } | { mode: 'edit'; user: User } | { mode: 'password'; user: User };

const ROLE_COLORS: Record<Role, string> = { admin: 'red', office: 'blue', leader: 'purple', unit: 'default', enterprise: 'green' };

export default function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const mobile = useIsMobile();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | undefined>();
  const { page, pageSize, setPage, pagination } = usePagination();
  const [editing, setEditing] = useState<Editing | null>(null);

  const regions = useRequest(() => regionsApi.list(), []);
  const regionTree = useMemo(() => buildRegionTree(regions.data?.items ?? []), [regions.data]);
  const list = useRequest(() => usersApi.list({ q: q.trim() || undefined, role, page, pageSize }), [q, role, page, pageSize]);

  const handleToggleDisabled = async (user: User) => {
    try {
      await usersApi.update(user.id, { disabled: !user.disabled });
      void message.success(user.disabled ? t('users.enabledDone') : t('users.disabledDone'));
      await list.reload();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  const handleSubmit = async (values: UserFormValues) => {
    const placement = { unitId: values.unitId ?? null, regionId: values.regionId ?? null };
    if (editing?.mode === 'edit') {
      await usersApi.update(editing.user.id, { displayName: values.displayName.trim(), role: values.role, ...placement });
    } else {
      await usersApi.create({
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        password: values.password ?? '',
        role: values.role,
        ...placement,
      });
    }
    void message.success(t('common.saved'));
    await list.reload();
  };

  const handleResetPassword = async ({ password }: { password: string }) => {
    if (editing?.mode !== 'password') return;
    await usersApi.update(editing.user.id, { password });
    void message.success(t('users.passwordReset'));
  };

  const columns: TableColumnsType<User> = [
    {
      title: t('users.displayName'),
      key: 'name',
      render: (_, user) => (
        <div>
          <div>{user.displayName}</div>
          <Typography.Text type="secondary">{user.username}</Typography.Text>
        </div>
      ),
    },
    { title: t('users.role'), dataIndex: 'role', key: 'role', render: (r: Role) => <Tag color={ROLE_COLORS[r]}>{t(`roles.${r}`)}</Tag> },
    {
      title: `${t('users.unit')} / ${t('users.region')}`,
      key: 'placement',
      responsive: ['sm'],
      render: (_, user) => user.unitName ?? user.regionName ?? t('common.none'),
    },
    {
      title: t('users.status'),
      dataIndex: 'disabled',
      key: 'status',
      render: (disabled: boolean) => (disabled ? <StatusTag status="error">{t('users.disabled')}</StatusTag> : <StatusTag status="success">{t('users.active')}</StatusTag>),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      key: 'lastLogin',
      responsive: ['lg'],
      render: (at: string | null) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm') : t('users.never')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      // Stays on screen when a phone scrolls the table sideways.
      fixed: 'right',
      render: (_, user) =>
        can(user.policies, 'update') && (
          <Space size={4} wrap>
            <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', user })} aria-label={`${t('common.edit')} ${user.username}`}>
              {t('common.edit')}
            </Button>
            <Button type="link" size="small" onClick={() => setEditing({ mode: 'password', user })} aria-label={`${t('users.resetPassword')} ${user.username}`}>
              {t('users.resetPassword')}
            </Button>
            {user.disabled ? (
              <Button type="link" size="small" onClick={() => void handleToggleDisabled(user)} aria-label={`${t('users.enable')} ${user.username}`}>
                {t('users.enable')}
              </Button>
            ) : (
              <Popconfirm
                title={t('users.confirmDisable', { name: user.displayName })}
                okText={t('users.disable')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => handleToggleDisabled(user)}
              >
                <Button type="link" size="small" danger aria-label={`${t('users.disable')} ${user.username}`}>
                  {t('users.disable')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        ),
    },
  ];

  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));

  return (
    <>
      <PageHeader
        title={t('users.title')}
        intro={t('users.intro')}
        extra={
          canCreate(list.data) && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing({ mode: 'create' })}>
              {t('users.create')}
            </Button>
          )
        }
      />
      <LoadError error={list.error} onRetry={() => void list.reload()} />
      <Card size={mobile ? 'small' : undefined}>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} role="search">
          <Select
            aria-label={t('users.roleFilter')}
            placeholder={t('users.roleFilter')}
            allowClear
            value={role}
            onChange={(value?: Role) => {
              setRole(value);
              setPage(1);
            }}
            options={roleOptions}
            style={{ width: mobile ? '100%' : 200 }}
          />
          <Input.Search
            aria-label={t('users.searchLabel')}
            placeholder={t('users.searchPlaceholder')}
            allowClear
            enterButton={t('common.search')}
            onSearch={(value) => {
              setQ(value);
              setPage(1);
            }}
            style={{ width: mobile ? '100%' : 320 }}
          />
        </Flex>
        <Table<User>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          size={mobile ? 'small' : 'middle'}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('users.empty')} /> }}
          pagination={pagination(list.data?.total ?? list.data?.items.length ?? 0)}
        />
      </Card>
      {editing && editing.mode !== 'password' && (
        <FormModal<UserFormValues>
          title={editing.mode === 'edit' ? t('users.edit') : t('users.create')}
          initialValues={
            editing.mode === 'edit'
              ? {
                  username: editing.user.username,
                  displayName: editing.user.displayName,
                  role: editing.user.role,
                  unitId: editing.user.unitId,
                  regionId: editing.user.regionId,
                }
              : { role: 'unit' }
          }
          onSubmit={handleSubmit}
          onClose={() => setEditing(null)}
        >
          <Form.Item
            label={t('users.username')}
            name="username"
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('users.username') }) }]}
          >
            <Input autoComplete="off" disabled={editing.mode === 'edit'} maxLength={64} />
          </Form.Item>
          <Form.Item
            label={t('users.displayName')}
            name="displayName"
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('users.displayName') }) }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          {editing.mode === 'create' && (
            <Form.Item
              label={t('users.password')}
              name="password"
              extra={t('password.rules')}
              rules={[{ required: true, message: t('common.required', { field: t('users.password') }) }]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          )}
          <Form.Item label={t('users.role')} name="role" rules={[{ required: true, message: t('common.requiredSelect', { field: t('users.role') }) }]}>
            <Select options={roleOptions} />
          </Form.Item>
          <Form.Item label={t('users.unit')} name="unitId">
            <UnitSelect currentName={editing.mode === 'edit' ? editing.user.unitName : null} />
          </Form.Item>
          <Form.Item label={t('users.region')} name="regionId">
            <TreeSelect allowClear treeDefaultExpandAll treeData={regionOptions(regionTree)} />
          </Form.Item>
        </FormModal>
      )}
      {editing?.mode === 'password' && (
        <FormModal<{ password: string }>
          title={t('users.resetPasswordFor', { name: editing.user.displayName })}
          onSubmit={handleResetPassword}
          onClose={() => setEditing(null)}
        >
          <Form.Item
            label={t('users.newPassword')}
            name="password"
            extra={t('password.rules')}
            rules={[{ required: true, message: t('common.required', { field: t('users.newPassword') }) }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
