import {
  EMPTY_ZIP_MAGIC,
  OLE_MAGIC,
  startsWith,
  ZIP_MAGIC,
} from '../csv/binarySignature.js';

/**
 * What a submission's bytes are, decided by their content (magic bytes),
 * never by the file name: a ZIP archive (an .xlsx workbook, or something
 * that claims to be one), an OLE compound file (a password-protected
 * workbook or a legacy .xls), or anything else, which is read as CSV text.
 */
export type ContentKind = 'zip' | 'ole' | 'text';

/** Bytes needed to tell the kinds apart. */
const SNIFF_BYTES = 8;

/** Tells a ZIP archive, an OLE compound file and text apart from the first bytes. */
const sniffContent = (head: Uint8Array): ContentKind => {
  if (startsWith(head, ZIP_MAGIC) || startsWith(head, EMPTY_ZIP_MAGIC)) {
    return 'zip';
  }
  if (startsWith(head, OLE_MAGIC)) return 'ole';
  return 'text';
};

/** `EncryptedPackage` in UTF-16LE: the stream an encrypted OOXML file keeps inside its OLE container. */
const ENCRYPTED_PACKAGE = new Uint8Array(
  [...'EncryptedPackage'].flatMap((ch) => [ch.charCodeAt(0), 0]),
);

const indexOfBytes = (haystack: Uint8Array, needle: Uint8Array): number => {
  const first = needle[0];
  outer: for (
    let i = haystack.indexOf(first ?? 0);
    i !== -1 && i + needle.length <= haystack.length;
    i = haystack.indexOf(first ?? 0, i + 1)
  ) {
    for (let j = 1; j < needle.length; j++) {
      if (haystack[i + j] !== needle[j]) continue outer;
    }
    return i;
  }
  return -1;
};

/**
 * What an OLE compound file holds: a password-protected Office Open XML
 * workbook (Excel encrypts into an `EncryptedPackage` stream of an OLE
 * container, MS-OFFCRYPTO §2.3.4.4) or, otherwise, a legacy binary workbook.
 */
const oleKindOf = (bytes: Uint8Array): 'encrypted' | 'legacy' =>
  indexOfBytes(bytes, ENCRYPTED_PACKAGE) === -1 ? 'legacy' : 'encrypted';

export { indexOfBytes, oleKindOf, SNIFF_BYTES, sniffContent };
