// Entry of each document worker thread (see document-pool.ts). The server's TypeScript runs through
// tsx's loader (bin/yingshang registers it; vitest transforms on its own), and a worker thread starts
// without either, so the loader is registered here before the tasks module is imported.
import { register } from 'tsx/esm/api';

register();
const { runDocumentTask } = await import('./document-tasks.ts');

export default runDocumentTask;
