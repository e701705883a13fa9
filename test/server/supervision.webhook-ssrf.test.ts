import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { deliverWebhooks } from '../../src/server/modules/supervision/scan.service.ts';
import { guardedLookup, isBlockedAddress } from '../../src/server/modules/supervision/webhook-target.ts';
import { buildRegion, buildUnit, buildUser, loginAs } from '../helpers/factories.ts';
import { createTestApp, testEnv, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('webhook SSRF guard', () => {
  it('should classify loopback, private, link-local, metadata and mapped addresses as blocked, public ones not', () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00:ec2::254', '::ffff:127.0.0.1', '::ffff:a9fe:a9fe']) {
      expect(isBlockedAddress(ip), ip).toBe(true);
    }
    for (const ip of ['8.8.8.8', '223.5.5.5', '2400:3200::1']) expect(isBlockedAddress(ip), ip).toBe(false);
  });

  it('should refuse a private webhook URL on save with a Chinese 400, and keep public ones', async () => {
    const city = await buildRegion(t.db);
    const unit = await buildUnit(t.db, { regionId: city.id });
    const liaison = await loginAs(t.app, await buildUser(t.db, { role: 'unit', unitId: unit.id }));
    const put = (url: string) => t.app.inject({ method: 'PUT', url: `/api/v1/units/${unit.id}/webhook`, headers: liaison, payload: { url } });
    for (const url of ['http://127.0.0.1:8080/hook', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/x', 'http://10.0.0.5/robot?access_token=T', 'http://localhost/x', 'http://2130706433/', 'http://metadata.google.internal/']) {
      const res = await put(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'SUP_WEBHOOK_PRIVATE_ADDRESS', message: 'Webhook 地址不能指向本机、内网、链路本地或云元数据地址' });
      expect(res.body).not.toContain('access_token=T');
    }
    expect((await put('https://example.invalid/robot/send?access_token=abc')).statusCode).toBe(200);
  });

  it('should refuse at delivery a host that now resolves to a private address, without posting or logging the URL', async () => {
    const city = await buildRegion(t.db);
    const unit = await buildUnit(t.db, { regionId: city.id });
    await t.db.insertInto('unit_webhooks').values({ unit_id: unit.id, url: 'https://robot.example.com/send?access_token=SECRET', secret: null, enabled: true, updated_by: null }).execute();
    await t.db.insertInto('webhook_deliveries').values({ unit_id: unit.id, event: 'reminder', payload: JSON.stringify({ msgtype: 'text' }) }).execute();
    const fetchImpl = vi.fn<typeof fetch>();
    const logged: unknown[] = [];
    const log = { info: (o: object) => logged.push(o), warn: (o: object) => logged.push(o) };
    const result = await deliverWebhooks(t.db, new Date(Date.now() + 60_000), log, { fetchImpl, resolve: async () => ['10.0.0.7'] });
    expect(result).toEqual({ sent: 0, failed: 1 });
    expect(fetchImpl).not.toHaveBeenCalled();
    const delivery = await t.db.selectFrom('webhook_deliveries').select(['status', 'last_error']).where('unit_id', '=', unit.id).executeTakeFirstOrThrow();
    expect(delivery).toEqual({ status: 'failed', last_error: 'refused: private address' });
    expect(JSON.stringify(logged)).not.toContain('SECRET');
    expect(JSON.stringify(logged)).toContain('robot.example.com');
  });

  it('should refuse a private address when the socket resolves the host (DNS rebinding after the check)', async () => {
    const lookup = guardedLookup(false);
    const err = await new Promise<NodeJS.ErrnoException | null>((resolve) => lookup('localhost', {}, (e) => resolve(e)));
    expect(err?.code).toBe('WEBHOOK_PRIVATE_ADDRESS');
    const allowed = await new Promise<string>((resolve) => guardedLookup(true)('localhost', {}, (_e, address) => resolve(String(address))));
    expect(isBlockedAddress(allowed)).toBe(true);
  });

  it('should read YINGSHANG_WEBHOOK_ALLOW_PRIVATE as a boolean and reject anything else at startup', () => {
    expect(loadConfig(testEnv()).webhookAllowPrivate).toBe(false);
    expect(loadConfig({ ...testEnv(), YINGSHANG_WEBHOOK_ALLOW_PRIVATE: '1' }).webhookAllowPrivate).toBe(true);
    expect(() => loadConfig({ ...testEnv(), YINGSHANG_WEBHOOK_ALLOW_PRIVATE: 'maybe' })).toThrow(/YINGSHANG_WEBHOOK_ALLOW_PRIVATE/);
  });
});
