import { parentPort, workerData } from 'node:worker_threads';
import { AuditRepository } from './audit-repo.js';
import { verifyRange } from './audit-verify-range.js';
import { Store, type StoreOptions } from './database.js';

/** One range of a parallel chain verification, on its own connection. */
const { options, afterSeq, toSeq } = workerData as {
  options: StoreOptions;
  afterSeq: number;
  toSeq: number;
};
const store = Store.open({ ...options, poolSize: 1 });
try {
  parentPort?.postMessage(await verifyRange(new AuditRepository(store), afterSeq, toSeq));
} finally {
  await store.close();
}
