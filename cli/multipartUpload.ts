import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';

/**
 * A multipart/form-data body for an S3 POST upload: the policy's fields, then
 * the file, last, as S3 requires. Built by hand (rather than with FormData)
 * so the file leaves in slices and a progress bar can follow the bytes.
 */
const multipartUpload = (
  fields: Readonly<Record<string, string>>,
  file: { readonly path: string; readonly bytes: Buffer },
  onBytes: (sent: number, total: number) => void,
) => {
  const boundary = `----opendata${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    [
      ...Object.entries(fields).map(
        ([name, value]) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${basename(file.path).replace(/"/g, '')}"\r\nContent-Type: text/csv\r\n\r\n`,
    ].join(''),
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  const total = head.length + file.bytes.length + tail.length;
  const slice = 256 * 1024;
  const parts = [head, file.bytes, tail];
  let part = 0;
  let offset = 0;
  let fileSent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const current = parts[part];
      if (!current) {
        controller.close();
        return;
      }
      const chunk = current.subarray(offset, offset + slice);
      offset += chunk.length;
      if (current === file.bytes) {
        fileSent += chunk.length;
        onBytes(fileSent, file.bytes.length);
      }
      if (offset >= current.length) {
        part++;
        offset = 0;
      }
      controller.enqueue(chunk);
    },
  });
  return {
    body,
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(total),
    },
  };
};

export { multipartUpload };
