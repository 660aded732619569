import { describe, expect, it } from 'vitest';
import { createS3Client } from '../../../functions/shared/aws/clients.js';
import { createPresigner } from '../../../functions/shared/aws/presign.js';

const uploadUrl = async (forPresigning: boolean) => {
  // No environment in unit tests: region and credentials are given here.
  const s3 = createS3Client(undefined, {
    forPresigning,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
  });
  return new URL(
    await createPresigner(s3, 'ingest', 900).put(
      'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv',
    ),
  );
};

const checksumParams = (url: URL) =>
  [...url.searchParams.keys()].filter((k) => /checksum/i.test(k));

describe('presigned upload URLs for AWS', () => {
  it('sign no request checksum, which would be that of an empty body', async () => {
    const url = await uploadUrl(true);

    expect(checksumParams(url)).toEqual([]);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
  });

  it('would carry the empty-body checksum with the default client', async () => {
    expect(checksumParams(await uploadUrl(false))).not.toEqual([]);
  });
});
