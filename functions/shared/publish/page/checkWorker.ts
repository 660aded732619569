/**
 * The submission page's worker (bundled as `assets/nop-bao-cao-worker.js`):
 * it checks one dropped file with `checkFile`, off the page's thread, and
 * posts its progress and then its result.
 */
import {
  checkFile,
  type FileCheck,
  type FileCheckRequest,
} from './checkFile.js';

/** What the worker posts back. */
export type CheckMessage =
  | { readonly type: 'progress'; readonly share: number }
  | { readonly type: 'done'; readonly check: FileCheck }
  | { readonly type: 'failed'; readonly message: string };

interface WorkerScope {
  onmessage: ((event: { data: FileCheckRequest }) => void) | null;
  postMessage(message: CheckMessage): void;
}

const scope = globalThis as unknown as WorkerScope;

scope.onmessage = ({ data }) => {
  let posted = -1;
  checkFile(data, (share) => {
    // A message per percent at most.
    const percent = Math.floor(share * 100);
    if (percent > posted) {
      posted = percent;
      scope.postMessage({ type: 'progress', share });
    }
  }).then(
    (check) => scope.postMessage({ type: 'done', check }),
    (error: unknown) =>
      scope.postMessage({
        type: 'failed',
        message: error instanceof Error ? error.message : String(error),
      }),
  );
};
