import { matches } from './context';
import { isPlaceholder } from './secret-values';
import { finding, type Detector } from './types';

/** URLs that carry a password, with or without a user: scheme://user:password@host, redis://:password@host. */
/** The host may be left out where the driver takes it from elsewhere ("snowflake://etl:pw@/analytics?account=…"). */
const URL_WITH_PASSWORD = /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:@/]*:([^\s@/]+)@(?:[^\s/?#]+|(?=\/[\w-]))/gi;
/**
 * Go's MySQL driver's DSN, which has no scheme: "user:password@tcp(10.0.0.1:3306)/db", "root:pw@unix(/tmp/mysql.sock)/db";
 * the driver takes any character in the password, "@", ":" and "/" too, up to the "@" before the address.
 */
const GO_DSN = /(?<![\w.:/@-])([\w.-]{1,64}):([^\s"'`]{1,200}?)@(?:tcp[46]?|udp|unix)\(([^\s)]*)\)/g;
/** A template's slot where the password goes: "<password>", "${DB_PASS}", "{{ pwd }}", "%s", "****". */
const TEMPLATE_SLOT = /^(?:<[^>]*>|\$\{[^}]*\}|\{\{.*\}\}|\{[^{}]*\}|%\(?\w*\)?[sv]|\*+|\[[^\]]*\]|\$env:\w+)$/;

/**
 * A URL written as a template, each part named by what goes there: "postgres://USER:PASSWORD@HOST:5432/DBNAME",
 * "mysql://user:password@hostname/db". A real password that is the word itself sits beside a real user or host.
 */
const TEMPLATE_URL = /:\/\/(?:user(?:name)?|usr|login)?:(?:password|passwd|pass|pwd|secret)@(?:host(?:name)?|server|db[-_]?host)?(?=[:/?#\s]|$)/i;
/**
 * Logins that are public by convention or by default: anonymous FTP's (RFC 1635), and a local server's default account
 * whose password is its user's name ("amqp://guest:guest@localhost", RabbitMQ's, which it refuses from elsewhere).
 */
const PUBLIC_LOGIN = /:\/\/(?:anonymous|ftp):|:\/\/([^\s:@/]+):\1@(?:localhost|127\.0\.0\.1|\[::1\])?(?=[:/?#\s]|$)/i;
/** Both parts named in capitals where a driver's documentation names them: "mysql://DB_USER:DB_PASS@/DB_NAME". */
const NAMED_PARTS = /:\/\/[A-Z][A-Z0-9_]*:[A-Z][A-Z0-9_]*@/;
/**
 * Hosts reserved for documentation (RFC 2606, 3849, 5737): credentials pointing there are examples ("abc:xyz",
 * "user:secret"), unless the password looks like one someone chose ("D1fficultP%40ssw0rd", MongoDB's docs' own, is
 * what a real one looks like, and a real host is often rewritten to example.com before a prompt is pasted).
 */
const DOCUMENTATION_HOST = /@(?:[\w.-]*\.)?example\.(?:com|org|net)\b|@\[?2001:db8:|@(?:192\.0\.2|198\.51\.100|203\.0\.113)\./i;

/**
 * A variable standing for the password: "$password", "$apiKey" (a name of letters), "$PG16_PASSWORD" (an
 * environment variable's, with its underscore), "$dbPass1", "$token_v2" (a name that says what it holds).
 * "$monkey123", "$S3CR3T" are passwords; one of letters only after a "$" passes for a variable.
 */
function isVariable(value: string): boolean {
  if (/^\$[A-Za-z_]+$/.test(value) || /^\$[A-Z][A-Z0-9]*_[A-Z0-9_]+$/.test(value)) return true;
  if (!/^\$[A-Za-z_][A-Za-z0-9_]*$/.test(value)) return false;
  const parts = value.slice(1).split(/_|(?<=[a-z0-9])(?=[A-Z])/).map((p) => p.toLowerCase().replace(/\d+$/, ''));
  return parts.some((p) => VARIABLE_WORDS.has(p));
}
const VARIABLE_WORDS = new Set('password passwd pass pwd secret token key apikey db dbpass user auth cred creds credentials'.split(' '));

/** Eight characters or more, letters with digits, and no stand-in. */
function realLooking(password: string): boolean {
  return password.length >= 8 && /[A-Za-z]/.test(password) && /\d/.test(password) && !isPlaceholder(password);
}

export const urlCredentialsDetector: Detector = {
  name: 'url-credentials',
  category: 'url_credentials',
  priority: 100,
  detect(text) {
    if (!text.includes('@')) return [];
    const urls = text.includes('://')
      ? [...matches(text, URL_WITH_PASSWORD)]
          // An image's tag and digest ("docker://nginx:1.25@sha256:…") hold no password.
          .filter((m) => !/@sha\d+:/.test(m[0]) && !TEMPLATE_SLOT.test(m[1]!) && !isVariable(m[1]!) && !(DOCUMENTATION_HOST.test(m[0]) && !realLooking(m[1]!)) && !TEMPLATE_URL.test(m[0]) && !PUBLIC_LOGIN.test(m[0]) && !NAMED_PARTS.test(m[0]))
          .map((m) => finding(this, m.index, m[0], 0.97))
      : [];
    const dsns = /@(?:tcp|udp|unix)/.test(text)
      ? [...matches(text, GO_DSN)]
          // The same slots, variables, words and defaults as a URL's, and the stand-ins a secret's value may be:
          // "user:password@tcp(host)/db", "root:root@tcp(…)", "user:your_password@tcp(…)", "admin:xxxxxx@tcp(…)".
          .filter((m) => {
            const userInfo = `://${m[1]}:${m[2]}@`;
            return !TEMPLATE_SLOT.test(m[2]!) && !isVariable(m[2]!) && !isPlaceholder(m[2]!) && !TEMPLATE_URL.test(userInfo) && !PUBLIC_LOGIN.test(userInfo + m[3]) && !NAMED_PARTS.test(userInfo);
          })
          .map((m) => finding(this, m.index, m[0], 0.95))
      : [];
    return dsns.length === 0 ? urls : [...urls, ...dsns].sort((a, b) => a.start - b.start);
  },
};
