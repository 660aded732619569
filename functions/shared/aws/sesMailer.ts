import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { StorageError } from '../errors.js';

type SourceData = string | ArrayBuffer | ArrayBufferView;

const bytesOf = (data: SourceData): Uint8Array | string =>
  typeof data === 'string'
    ? data
    : data instanceof ArrayBuffer
      ? new Uint8Array(data)
      : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/** SHA-256 for the request signer, from node:crypto. */
class Sha256 {
  private hash: Hash | Hmac;
  private readonly secret?: Uint8Array | string;

  public constructor(secret?: SourceData) {
    this.secret = secret === undefined ? undefined : bytesOf(secret);
    this.hash = this.fresh();
  }

  private fresh(): Hash | Hmac {
    return this.secret === undefined
      ? createHash('sha256')
      : createHmac('sha256', this.secret);
  }

  public update(data: SourceData): void {
    this.hash.update(bytesOf(data));
  }

  public async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }

  public reset(): void {
    this.hash = this.fresh();
  }
}

/** Credentials as Lambda hands them to a function, in its environment. */
export interface EnvCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/**
 * Sends raw MIME messages through Amazon SES (API v2 `SendEmail`, raw
 * content) from a verified identity. The SES SDK client is not a dependency
 * of this project yet, so the request is signed here with SigV4; the
 * function's role must allow `ses:SendEmail` and `ses:SendRawEmail` on the
 * identity.
 */
const createSesMailer = (options: {
  readonly region: string;
  readonly from: string;
  readonly credentials: () => EnvCredentials;
}) => {
  const hostname = `email.${options.region}.amazonaws.com`;
  const signer = new SignatureV4({
    service: 'ses',
    region: options.region,
    sha256: Sha256,
    credentials: async () => options.credentials(),
  });
  return {
    async send(mime: string): Promise<void> {
      const body = JSON.stringify({
        FromEmailAddress: options.from,
        Content: {
          Raw: { Data: Buffer.from(mime, 'utf8').toString('base64') },
        },
      });
      const signed = await signer.sign({
        method: 'POST',
        protocol: 'https:',
        hostname,
        path: '/v2/email/outbound-emails',
        headers: { host: hostname, 'content-type': 'application/json' },
        body,
      });
      const response = await fetch(
        `https://${hostname}/v2/email/outbound-emails`,
        {
          method: 'POST',
          headers: signed.headers,
          body,
        },
      );
      if (!response.ok) {
        throw new StorageError(
          `SES SendEmail failed: ${response.status} ${await response.text()}`,
        );
      }
    },
  };
};

/** A mail sender: takes one raw MIME message. */
export type Mailer = ReturnType<typeof createSesMailer>;

export { createSesMailer };
