/**
 * The Content-Security-Policy of the open-data site. Its pages load one
 * script (`assets/site.js`, the language switch) and one stylesheet from the
 * site itself, draw charts as inline SVG, carry JSON-LD in a data block (not
 * executed, so not a script for CSP) and use `data:,` as their icon. Nothing
 * else may load, no page may be framed, forms and `<base>` are not used.
 */
const SITE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** HSTS max-age: two years, as hstspreload.org asks. */
const HSTS_MAX_AGE_SECONDS = 2 * 365 * 24 * 3600;

/**
 * The security headers every response of the site carries: CloudFront adds
 * them with a response-headers policy, and the local server sends the same,
 * so the page tests in Chromium see the site as citizens do.
 */
const SITE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': SITE_CONTENT_SECURITY_POLICY,
  'strict-transport-security': `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

export {
  HSTS_MAX_AGE_SECONDS,
  SITE_CONTENT_SECURITY_POLICY,
  SITE_SECURITY_HEADERS,
};
