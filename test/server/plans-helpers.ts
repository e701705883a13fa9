import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/test-app.ts';

export const SEEDS_DIR = join(ROOT, 'test/fixtures/seeds');
export const SEED_FILES = ['000_a0dae0c289e22a56.txt', '001_9acf361b62d62f20.txt', '002_cd40bed0b0dbc557.txt', '003_cb3a23dda335a852.txt', '004_24c6dcfb139a70dd.txt'];

export const seedBytes = (name: string): Buffer => readFileSync(join(SEEDS_DIR, name));

/** A multipart/form-data body for app.inject: text fields, then one file. */
export function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer | string; field?: string; type?: string }) {
  const boundary = `----ys${randomUUID().replace(/-/g, '')}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\ncontent-type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
    );
    chunks.push(Buffer.isBuffer(file.data) ? file.data : Buffer.from(file.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A short plan in the printed style of the seeds, naming units in the ways the resolver must handle. */
export const SMALL_PLAN = `示范市2024年优化营商环境行动方案

一、工作目标
到2024年底，企业开办时间压缩至1个工作日以内。

二、重点任务
（一）提升开办效率
1.推行企业开办一网通办，企业开办时间压缩至0.5个工作日以内，2024年6月底前完成。（牵头单位：市发改委；配合单位：市监局、市人社局）
2.优化不动产登记，一般不动产登记时间压缩至3个工作日以内，年底前完成。（责任单位：市公安局、司法局）
3.建设数据共享平台，年底前完成。（牵头单位：市营商环境服务中心；配合单位：市大数据服务中心）
`;
