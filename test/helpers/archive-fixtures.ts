/** Upload fixtures for the sweep and the reader fuzz tests. */
import type { SweepUpload } from './api-sweep.ts';

/** Garbage bytes under every upload name the readers know. */
export async function sweepUploads(): Promise<SweepUpload[]> {
  const garbage = Buffer.from('PK\u0003\u0004 not really a zip \u0000\u0001');
  return [
    { name: 'sweep.xlsx', data: garbage },
    { name: 'sweep.docx', data: garbage },
    { name: 'sweep.txt', data: Buffer.from('示范\u0000') },
  ];
}
