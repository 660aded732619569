import { describe, expect, it } from 'vitest';
import { createS3Client } from '../../../functions/shared/aws/clients.js';
import { createPresigner } from '../../../functions/shared/aws/presign.js';

const reportUrl = async () => {
  // No environment in unit tests: region and credentials are given here.
  const s3 = createS3Client(undefined, {
    forPresigning: true,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
  });
  return new URL(
    await createPresigner(s3, 'curated', 900).get(
      'submissions/VIETTEL/2023-Q3/chi-tieu-cds/abc/report.json',
    ),
  );
};

describe('presigned report URLs for AWS', () => {
  it('sign a GET of exactly one key, for the TTL', async () => {
    const url = await reportUrl();

    expect(url.host).toBe('curated.s3.ap-southeast-1.amazonaws.com');
    expect(url.pathname).toBe(
      '/submissions/VIETTEL/2023-Q3/chi-tieu-cds/abc/report.json',
    );
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('offer no way to upload: the presigner has only get', () => {
    const s3 = createS3Client(undefined, { region: 'ap-southeast-1' });

    expect(Object.keys(createPresigner(s3, 'curated', 900))).toEqual(['get']);
  });
});
