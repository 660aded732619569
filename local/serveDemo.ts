import type { Writable } from 'node:stream';
import { hashToken, newToken } from '../functions/shared/accessTokens.js';
import type { createRuntime } from '../functions/shared/aws/runtime.js';
import type { LocalAws } from './localAws.js';
import { type ServeSteps, servePipeline } from './servePipeline.js';

/** The demo unit of `start --serve`: the standing body in the fixtures' years. */
const DEMO_UNIT = 'STTTT';
/** A quarter in which the demo unit is in force and owes indicators. */
const DEMO_PERIOD = '2023-Q3';

/**
 * Serves the running pipeline (see `servePipeline`) until Ctrl-C and
 * prints a ready link to the submission page as the demo unit: a fresh
 * token, stored hashed, travels in the URL fragment, which the browser
 * never sends to a server.
 */
const serveUntilInterrupted = async (
  aws: LocalAws,
  runtime: ReturnType<typeof createRuntime>,
  options: ServeSteps & { readonly port: number; readonly out: Writable },
): Promise<void> => {
  const token = newToken();
  const now = new Date();
  await runtime.table.putToken({
    hash: hashToken(token),
    unitCode: DEMO_UNIT,
    label: 'opendata start --serve',
    createdAt: now.toISOString(),
    // A demo token lives as long as the local server, at most a day.
    expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
  });
  const served = await servePipeline(aws, runtime, options, {
    port: options.port,
    onEvent: (message) => options.out.write(`${message}\n`),
  });
  const link = `${served.origin}/nop-bao-cao/#token=${token}&period=${DEMO_PERIOD}`;
  options.out.write(
    [
      '',
      `Trang dữ liệu / site: ${served.origin}/`,
      `API nộp báo cáo / upload API: ${served.origin}/api/`,
      `Nộp thử với đơn vị ${DEMO_UNIT} / try submitting as ${DEMO_UNIT}: ${link}`,
      `Đang phục vụ / serving ${served.origin}/ — Ctrl-C để dừng / to stop`,
      '',
    ].join('\n'),
  );
  await new Promise<void>((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
  await served.stop();
};

export { DEMO_PERIOD, DEMO_UNIT, serveUntilInterrupted };
