/**
 * The submission page's script (browser entry, bundled by esbuild into
 * `assets/nop-bao-cao.js`): it runs the ingest's own validation core on the
 * dropped file before anything is uploaded, in a worker
 * (`assets/nop-bao-cao-worker.js`, see `checkWorker.ts`).
 */
import { parsePeriod } from '../../period.js';
import type { NormalizedRow } from '../../schema/types.js';
import type { Finding } from '../../validation/codes.js';
import {
  STATUS_TEXT,
  type SubmissionStatus,
  type ValidationReport,
} from '../../validation/report.js';
import { sniffContent } from '../../xlsx/sniffContent.js';
import { esc } from '../html.js';
import { type BrowserCatalogue, catalogueOf } from './browserCatalogue.js';
import type { FileCheck, FileCheckRequest } from './checkFile.js';
import type { CheckMessage } from './checkWorker.js';

const TOKEN_KEY = 'opendata-token';

const $ = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} missing`);
  return element as T;
};

/** Reads the token from the fragment once, keeps it for this tab only and removes it from the address bar. */
const takeTokenFromFragment = (): { period?: string } => {
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get('token');
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  if (location.hash) {
    history.replaceState(null, '', location.pathname + location.search);
  }
  const period = params.get('period');
  return period ? { period } : {};
};

const token = () => sessionStorage.getItem(TOKEN_KEY) ?? '';

/** The quarter that ended last before `now`, `YYYY-Qn`. */
const lastQuarter = (now: Date): string => {
  const q = Math.floor(now.getMonth() / 3);
  return q === 0 ? `${now.getFullYear() - 1}-Q4` : `${now.getFullYear()}-Q${q}`;
};

const quarters = (now: Date): string[] => {
  const list: string[] = [];
  for (let y = now.getFullYear(); y >= 2023; y--) {
    for (let q = 4; q >= 1; q--) list.push(`${y}-Q${q}`);
  }
  return list;
};

let apiBase = new URL('../api', location.href).href;

const api = async (path: string, init: RequestInit = {}) =>
  fetch(`${apiBase}${path}`, {
    ...init,
    headers: { ...init.headers, authorization: `Bearer ${token()}` },
  });

interface StatusEntry {
  readonly dataset: string;
  readonly title: string;
  readonly owed: boolean;
  readonly submissions: readonly {
    readonly submissionId: string;
    readonly status: SubmissionStatus;
    readonly receivedAt: string;
    readonly inForce: boolean;
    readonly reportJsonUrl: string;
  }[];
}

interface UnitStatus {
  readonly unit: string;
  readonly period: string;
  readonly datasets: readonly StatusEntry[];
}

const findingHtml = (f: Finding): string => {
  const where = [
    f.sheet && f.cellRef
      ? `ô / cell ${f.sheet}!${f.cellRef}`
      : f.rowNumber !== undefined
        ? `dòng / line ${f.rowNumber}`
        : '',
    f.fieldName ? `cột / column ${f.fieldName}` : '',
    f.cell !== undefined ? `giá trị / value "${f.cell}"` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return `<div class="finding ${f.severity}" data-type="${esc(f.type)}"${f.rowNumber === undefined ? '' : ` data-line="${f.rowNumber}"`}>
<strong>${esc(f.type)}</strong>${where ? ` — ${esc(where)}` : ''}
<div lang="vi">${esc(f.message)}</div><div lang="en">${esc(f.messageEn)}</div>
<div>→ ${esc(f.hint)}</div></div>`;
};

const reportHtml = (
  report: ValidationReport,
  preview: readonly NormalizedRow[],
  columns: readonly string[],
): string => {
  const status = `<p class="${report.status === 'rejected' ? 'bad' : 'ok'}" data-status="${report.status}">${esc(STATUS_TEXT[report.status])} — ${report.stats.rows} dòng / rows, ${report.stats.errors} lỗi / errors, ${report.stats.warnings} cảnh báo / warnings</p>`;
  const read = `<p data-encoding="${esc(report.encoding)}">Mã hóa / Encoding: ${esc(report.encoding)}</p>`;
  const findings = report.errors.map(findingHtml).join('');
  const table =
    preview.length === 0
      ? ''
      : `<h3>Xem trước dữ liệu chuẩn hóa / Normalized preview</h3><div class="scroll"><table><thead><tr>${columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${preview
          .map(
            (r) =>
              `<tr>${columns.map((c) => `<td>${esc(r[c] ?? '')}</td>`).join('')}</tr>`,
          )
          .join('')}</tbody></table></div>`;
  return status + read + findings + table;
};

/**
 * Largest workbook checked in the browser, which holds the whole workbook
 * in memory (the server streams it): a province's quarterly workbook is
 * well under 1 MB; a larger one is checked by the server alone.
 */
const BROWSER_WORKBOOK_BYTES = 20 * 1024 ** 2;

const main = async () => {
  const preset = takeTokenFromFragment();
  const data = (await (
    await fetch('catalogue.json')
  ).json()) as BrowserCatalogue;
  if (data.apiUrl) apiBase = data.apiUrl.replace(/\/$/, '');
  const catalogue = catalogueOf(data);
  const datasetSelect = $<HTMLSelectElement>('dataset');
  const periodSelect = $<HTMLSelectElement>('period');
  const report = $<HTMLDivElement>('report');
  const serverReport = $<HTMLDivElement>('server-report');
  const submitButton = $<HTMLButtonElement>('submit');
  let status: UnitStatus | undefined;
  let file: { name: string; bytes: Uint8Array } | undefined;

  for (const schema of catalogue.schemas.values()) {
    if (schema['x-dataset'].kind !== 'submission') continue;
    const option = document.createElement('option');
    option.value = schema['x-dataset'].id;
    option.textContent = `${schema['x-dataset'].title.vi} (${schema['x-dataset'].id})`;
    datasetSelect.append(option);
  }
  for (const p of quarters(new Date())) {
    const option = document.createElement('option');
    option.value = p;
    option.textContent = p;
    periodSelect.append(option);
  }
  periodSelect.value = preset.period ?? lastQuarter(new Date());

  const showToken = () => {
    $('token-state').textContent = token()
      ? `Đã có mã truy cập cho phiên này${status ? ` (đơn vị ${status.unit})` : ''} / A token is set for this session${status ? ` (unit ${status.unit})` : ''}`
      : 'Chưa có mã truy cập / No token yet';
  };

  const loadStatus = async () => {
    status = undefined;
    if (token()) {
      const answer = await api(`/status/${periodSelect.value}`);
      if (answer.ok) status = (await answer.json()) as UnitStatus;
    }
    showToken();
    const list = $('submissions');
    const owed = status?.datasets.filter((d) => d.owed) ?? [];
    $('owed').textContent = status
      ? owed.length > 0
        ? `Còn phải nộp / still owed: ${owed.map((d) => d.dataset).join(', ')}`
        : 'Đã nộp đủ / nothing owed'
      : '';
    if (owed[0] && !file) datasetSelect.value = owed[0].dataset;
    const rows =
      status?.datasets.flatMap((d) =>
        d.submissions.map(
          (s) =>
            `<tr><td>${esc(d.dataset)}</td><td>${esc(STATUS_TEXT[s.status])}</td><td>${esc(s.receivedAt)}</td><td>${s.inForce ? 'Đang có hiệu lực / In force' : ''}</td><td><a href="${esc(s.reportJsonUrl)}">report.json</a></td></tr>`,
        ),
      ) ?? [];
    list.innerHTML =
      rows.length === 0
        ? '<p>Chưa có lần nộp nào / No submission yet.</p>'
        : `<table><thead><tr><th>Bộ dữ liệu / Dataset</th><th>Kết quả / Status</th><th>Thời gian / Time</th><th></th><th>Báo cáo / Report</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  };

  let worker: Worker | undefined;

  /** Runs `checkFile` in the page's worker, showing its progress; in the page itself where module workers are missing. */
  const checkInWorker = (request: FileCheckRequest): Promise<FileCheck> => {
    worker?.terminate();
    const own = new Worker(
      new URL('./nop-bao-cao-worker.js', import.meta.url),
      {
        type: 'module',
      },
    );
    worker = own;
    return new Promise((resolve, reject) => {
      own.onmessage = ({ data }: MessageEvent<CheckMessage>) => {
        if (data.type === 'progress') {
          report.innerHTML = `<p>Đang kiểm tra tệp… / Checking the file… <progress max="100" value="${Math.round(data.share * 100)}"></progress> ${Math.round(data.share * 100)} %</p>`;
          return;
        }
        own.terminate();
        if (data.type === 'done') resolve(data.check);
        else reject(new Error(data.message));
      };
      // A browser without module workers: the same check, here.
      own.onerror = (event) => {
        event.preventDefault();
        own.terminate();
        import('./checkFile.js')
          .then(({ checkFile }) => checkFile(request))
          .then(resolve, reject);
      };
      own.postMessage(request);
    });
  };

  let checking = 0;

  /**
   * Validates the chosen file in the browser with the ingest's own core
   * (CSV text, or a workbook's records, as the bytes decide); nothing
   * leaves the page.
   */
  const check = async () => {
    serverReport.textContent = '';
    if (!file) return;
    const schema = catalogue.schemas.get(datasetSelect.value);
    if (!schema || !parsePeriod(periodSelect.value)) return;
    const run = ++checking;
    if (
      sniffContent(file.bytes) !== 'text' &&
      file.bytes.length > BROWSER_WORKBOOK_BYTES
    ) {
      worker?.terminate();
      report.innerHTML =
        '<p>Tệp Excel này lớn, máy chủ sẽ kiểm tra khi nộp / This workbook is large: the server checks it when submitted.</p>';
      submitButton.disabled = !token();
      return;
    }
    report.innerHTML = '<p>Đang kiểm tra tệp… / Checking the file…</p>';
    submitButton.disabled = true;
    let result: FileCheck;
    try {
      result = await checkInWorker({
        name: file.name,
        bytes: file.bytes,
        datasetId: schema['x-dataset'].id,
        period: periodSelect.value,
        unitCode: status?.unit ?? '',
        catalogue: data,
      });
    } catch (error) {
      if (run !== checking) return;
      report.innerHTML = `<p class="bad">Không kiểm tra được tệp / The file could not be checked: ${esc(error instanceof Error ? error.message : String(error))}</p>`;
      return;
    }
    // A newer choice (another file, dataset or quarter) has its own check.
    if (run !== checking) return;
    report.innerHTML = reportHtml(
      result.report,
      result.preview,
      schema.fields.map((f) => f.name),
    );
    submitButton.disabled = result.report.status === 'rejected' || !token();
  };

  const choose = async (chosen: File | undefined) => {
    if (!chosen) return;
    // At once: the last file's report and button must not stand for this one.
    file = undefined;
    ++checking;
    worker?.terminate();
    report.innerHTML = '<p>Đang đọc tệp… / Reading the file…</p>';
    serverReport.textContent = '';
    submitButton.disabled = true;
    file = {
      name: chosen.name,
      bytes: new Uint8Array(await chosen.arrayBuffer()),
    };
    await check();
  };

  /** Uploads through the upload API, then waits for the server's own report. */
  const submit = async () => {
    if (!file || !token()) return;
    submitButton.disabled = true;
    const dataset = datasetSelect.value;
    const period = periodSelect.value;
    const known = new Set(
      status?.datasets
        .find((d) => d.dataset === dataset)
        ?.submissions.map((s) => s.submissionId) ?? [],
    );
    serverReport.textContent = 'Đang tải lên / uploading…';
    const grant = await api('/submissions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        period,
        dataset,
        format: sniffContent(file.bytes) === 'zip' ? 'xlsx' : 'csv',
      }),
    });
    const granted = (await grant.json()) as Record<string, unknown>;
    if (!grant.ok) {
      serverReport.textContent = `${granted.message} / ${granted.messageEn}`;
      return;
    }
    // A presigned POST: the policy's fields first, then the file.
    const form = new FormData();
    for (const [name, value] of Object.entries(
      (granted.fields ?? {}) as Record<string, string>,
    )) {
      form.append(name, value);
    }
    form.append(
      'file',
      new Blob([file.bytes as Uint8Array<ArrayBuffer>]),
      file.name,
    );
    const put = await fetch(String(granted.uploadUrl), {
      method: 'POST',
      body: form,
    });
    if (!put.ok) {
      serverReport.textContent = `Tải lên thất bại / upload failed: HTTP ${put.status}`;
      return;
    }
    serverReport.textContent =
      'Đang chờ máy chủ kiểm tra / waiting for the server’s report…';
    for (let i = 0; i < 120; i++) {
      const answer = await api(`${granted.reportUrl}`);
      if (answer.status === 200) {
        const done = (await answer.json()) as Record<string, string>;
        if (!known.has(done.submissionId ?? '')) {
          const full = (await (
            await fetch(done.reportJsonUrl ?? '')
          ).json()) as ValidationReport;
          serverReport.innerHTML = `<h3>Báo cáo của máy chủ / Server report</h3>${reportHtml(full, [], [])}`;
          await loadStatus();
          return;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    serverReport.textContent =
      'Chưa có báo cáo, hãy thử lại sau / no report yet, try again later';
  };

  const downloadTemplate = async (event: Event) => {
    event.preventDefault();
    const answer = await api(
      `/templates/${periodSelect.value}/${datasetSelect.value}.xlsx`,
    );
    if (!answer.ok) return;
    const url = URL.createObjectURL(await answer.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `mau-${datasetSelect.value}-${periodSelect.value}.xlsx`;
    a.click();
    URL.revokeObjectURL(url);
  };

  $('use-token').addEventListener('click', () => {
    const input = $<HTMLInputElement>('token');
    if (input.value) sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    input.value = '';
    void loadStatus();
  });
  $('forget').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    status = undefined;
    submitButton.disabled = true;
    void loadStatus();
  });
  $('file').addEventListener('change', (event) => {
    void choose((event.target as HTMLInputElement).files?.[0]);
  });
  const drop = $('drop');
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    void choose(event.dataTransfer?.files[0]);
  });
  datasetSelect.addEventListener('change', () => void check());
  periodSelect.addEventListener('change', () => {
    void loadStatus().then(check);
  });
  submitButton.addEventListener('click', () => void submit());
  $('template').addEventListener(
    'click',
    (event) => void downloadTemplate(event),
  );
  await loadStatus();
};

void main();
