import type { Worker } from 'node:worker_threads';
import { cacheWorkerMessageSchema, type CacheWorkerRun } from './cache-worker-protocol';

/** One deferred step the worker ran (deferred-indexes.ts), for the log and the timings. */
export interface JobStep {
  name: string;
  ms: number;
}

/** The worker could not start or load: the main thread does the job (CacheJobs.run). */
export class WorkerUnavailable extends Error {}

/**
 * The main thread's side of one job in the cache worker (cache-worker.ts `run`): the steps it
 * reports, settled when the worker exits — once its connection is closed, and only then may the
 * main thread write cache.db again (`exited` is called first, so CacheJobs.busy turns false).
 */
export function runJobInWorker(worker: Worker, exited: () => void): Promise<JobStep[]> {
  return new Promise((resolve, reject) => {
    worker.ref();
    const steps: JobStep[] = [];
    let outcome: Error | 'done' | null = null;
    worker.on('message', (raw: unknown) => {
      const message = cacheWorkerMessageSchema.safeParse(raw);
      if (!message.success) outcome ??= new Error('the cache worker sent an unexpected message');
      else if (message.data.type === 'step') steps.push({ name: message.data.name, ms: message.data.ms });
      else if (message.data.type === 'done') outcome ??= 'done';
      else if (message.data.type === 'failed') outcome ??= new Error(message.data.message);
      // A listing's `ready` arrives late when the listing ended before the connection opened.
      else if (message.data.type === 'ready' || message.data.type === 'written') return;
      else outcome ??= new Error('the cache worker answered a check during a job');
    });
    worker.on('error', (error) => {
      outcome ??= steps.length === 0 ? new WorkerUnavailable(error.message) : error;
    });
    worker.on('exit', (code) => {
      exited();
      if (outcome === 'done') resolve(steps);
      else reject(outcome ?? new Error(`the cache worker exited (${code}) before it finished`));
    });
    const run: CacheWorkerRun = { type: 'run' };
    worker.postMessage(run);
  });
}
