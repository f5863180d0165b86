import { entropy } from './context';

// How a value assigned to or told as a secret is judged: random enough to be one, or a placeholder, a word, a reference.

/**
 * Values made to be public: Razorpay's key id ("rzp_live_" and 14 characters), a browser SDK's client token ("pub…"),
 * Stytch's public token, PubNub's subscribe and publish keys (its secret key is "sec-c-"), Statsig's client key, Braintree's
 * tokenization key, Paddle's client-side token, Midtrans's client key, a NATS public nkey (its seed starts with "S"),
 * publishable keys ("pk_live_…": Stripe's, Paystack's, Clerk's), Flutterwave's public key, New Relic's browser key, an
 * age recipient ("age1…", a public key in bech32; its identity is "AGE-SECRET-KEY-1…").
 */
export const PUBLIC_VALUE =
  /^rzp_(?:live|test)_[A-Za-z0-9]{14}$|^pub[0-9a-f]{32}$|^public-token-(?:live|test)-|^(?:sub|pub)-c-[0-9a-f-]{36}$|^client-[A-Za-z0-9]{20,}$|^(?:production|sandbox)_[a-z0-9]{8}_[a-z0-9]{16}$|^(?:live|test)_[0-9a-f]{27}$|^(?:SB-)?Mid-client-|^[UANOC][A-Z2-7]{55}$|^pk_(?:live|test)_[A-Za-z0-9]{16,}$|^FLWPUBK(?:_TEST)?-|^NRJS-[0-9a-f]{19}$|^age1[02-9ac-hj-np-z]{58}$/;

/** Dummy values in docs and tests: long alphabetic or numeric runs, or both in turn ("a1b2c3d4e5f6…"). */
export const SEQUENTIAL = /abcdef|ABCDEF|123456789|0123456|a1b2c3d4|A1B2C3D4/;
/** "AUTH0_DOMAIN=dev-r0alk1x87r7luw3z.us.auth0.com": a host name under a name saying auth is an address, not a secret. */
const HOST_NAME = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,12}$/;
/** A digest in an integrity check's or an image reference's notation: its algorithm, then hex or base64 of its length. */
const DIGEST =
  /(?:^|[@:])(?:md5[:-][0-9a-f]{32}|sha1[:-][0-9a-f]{40}|sha256[:-](?:[0-9a-f]{64}|[A-Za-z0-9+/]{43}=)|sha384[:-](?:[0-9a-f]{96}|[A-Za-z0-9+/]{64})|sha512[:-](?:[0-9a-f]{128}|[A-Za-z0-9+/]{86}==))$/i;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A ULID (a sortable id in Crockford's base 32, in capitals as generated), which APIs give records and put in paths. */
export const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
/** Stands where a value goes and never is one ("$API_BASE/v1/jobs": a variable and a path after it; "$user$pass": variables run together). */
const DUMMY = /^(?:x+|\*+|\.+|0x(.)\1+|<[^>]*>|(?:\$\{?[\w.]+\}?)+(?:\/[\w./#-]*)?|%[\w.]+%|#\{.*\}|your[_-]?[\w-]*|change[_-]?me|replace[_-]?me|fill[_-]?me[_-]?in|todo|tbd|fixme|example\w*|placeholder|redacted)$/i;
/**
 * A reference to where the secret is kept, resolved at run time: Vault's "vault:secret/data/app#password", AWS's
 * "arn:aws:secretsmanager:…" (its secret's key ending in "::"), 1Password's "op://Vault/Item/field", Google's
 * "projects/p/secrets/s/versions/1", Azure's Key Vault references ("@Microsoft.KeyVault(SecretUri=…)", "secretref:").
 */
const REFERENCE = /^(?:vault:|arn:aws:|op:\/\/|ssm:|secretsmanager:|@Microsoft\.KeyVault\(|secretref:|keyvaultref:)|(?:^|[=,])projects\/[\w-]+\/secrets\/|::$/;
/**
 * Names the value instead of being it ("password = password", "token: null", a test's "'wrong-password'", "my_secret");
 * in a connection string, "Password=secret" is one, and so are words beside it that are no stand-in's ("Tiger_password").
 */
const NAME_WORD =
  /^(?:null|none|true|false|undefined|(?:password|secret|token)(?!\d+!?$)\w*|(?:(?:wrong|bad|invalid|incorrect|correct|right|new|old|current|my|your|our|the|some|any|test|dummy|sample|example|fake|default|temp|temporary|super|strong|weak|secure|long|short|valid)[-_])+(?:passw(?:or)?d|secret|token|api[-_]?key))$/i;

/**
 * A value masked at its end ("sk-proj-XXXXXXXX", "Pass****"), or by bullets or stars anywhere as a dashboard shows a key
 * ("sk_live_••••••••4242", "ghp_****abcd"); tested apart, as a pattern anchored at both ends would rescan the value from
 * every start.
 */
const MASKED_TAIL = /x{8}$|[*•]{4}/i;

/**
 * Values vendors publish for anyone to use in tests and examples: Stripe's documentation key, Azurite's (the storage
 * emulator's) account key (Microsoft's docs' "well-known storage account and key"), Google's reCAPTCHA test keys, Cloudflare Turnstile's dummy site keys and secrets.
 */
const DOCUMENTED_EXAMPLES = [
  // The Bitcoin wiki's example private key in Wallet Import Format.
  '5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ',
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  'sk_test_BQokikJOvBiI2HlWgH4olfQ2',
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
  '6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI',
  '6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe',
  // The Cosmos DB emulator's key, Docker's swarm token in its docs, Pushover's API docs' keys, Kubernetes' docs' Secret.
  'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==',
  'SWMTKN-1-49nj1cmql0jkz5s954yi3oex3nedyz0fb0xx14ie39trti4wxv-8vxv8rssmk743ojnwacrr2e7c',
  'azGDORePK8gMaC0QOYAMyEEuzJnyUi',
  'uQiRzpo4DXghDmr9QzzfQu27cmVRsG',
  'MWYyZDFlMmU2N2Rm',
  // RFC 7617's Basic example (Aladdin, open sesame), Mailgun's docs' key, SQL Server's image's docs' password.
  'QWxhZGRpbjpvcGVuIHNlc2FtZQ==',
  'key-3ax6xnjp29jd6fds4gc373sgvjxteol0',
  'yourStrong(!)Password',
  // Dynatrace's docs' example of its token's structure.
  'dt0c01.ST2EY72KQINMH574WMNVI7YN.G3DFPBEJYMODIDAEX454M7YWBUVEFOWKPRVMWFASS64NFH52PX6BNDVFFM572RZM',
  // OpenWeatherMap's sample key, which its documentation's sample server answered to.
  'b6907d289e10d714a6e88b30761fae22',
  // AES's test vectors' keys (FIPS-197's example, SP 800-38A's for AES-128, -192 and -256), which every cipher's tests use.
  '000102030405060708090a0b0c0d0e0f',
  '2b7e151628aed2a6abf7158809cf4f3c',
  '8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b',
  '603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4',
  // Digests of nothing (MD5, SHA-1, SHA-256 of an empty input), which code compares files and caches with.
  'd41d8cd98f00b204e9800998ecf8427e',
  'da39a3ee5e6b4b0d3255bfef95601890afd80709',
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
];
const TURNSTILE_DUMMY = /^[123]x0{20}(?:0{11})?A[ABA]$|^[123]x0{20}FF$/;

/** The storage emulator's account before its key in a connection string: Azurite's well-known key, whoever spells it. */
export const EMULATOR_ACCOUNT = /AccountName=devstoreaccount1;[^\n]*$/;

/** A value published as an example or a test key by its vendor, or holding one ("AccountKey=…"), or a pattern's start of one. */
export function isDocumentedExample(value: string): boolean {
  return DOCUMENTED_EXAMPLES.some((example) => value.includes(example) || (value.length >= 16 && example.startsWith(value))) || TURNSTILE_DUMMY.test(value);
}

/**
 * Words that say the value is a stand-in, anywhere in it: frameworks' defaults ("ThisTokenIsNotSoSecretChangeIt",
 * Strapi's "tobemodified"), tests' values ("test-secret", "fake_token"). Django's "django-insecure-…" is a key startproject
 * generated at random: insecure only because it sits in the settings file.
 */
const STAND_IN_WORDS =
  /change[-_]?(?:me|it)|to[-_]?be[-_]?modified|(?:^|[-_])example(?:[-_]|$)|not[-_]?so[-_]?secret|not[-_]?a[-_]?(?:real[-_]?)?secret|dummy|placeholder|do[-_]?not[-_]?use|unit[-_]?test|(?<!django)-insecure-|(?:^|[-_])fake(?:[-_]|$)|^(?:test|mock)[-_]|[-_](?:test|mock)$|replace[-_]?(?:me|with|this)|^insert[-_]|redacted|\.\.\.|…|[-_](?:here|aqu[ií]|ici|hier|qui|aqui)$|^(?:tu|su|votre|ton|ihr|dein|seu|sua|il[-_]?tuo|la[-_]?tua|je|uw|din|ditt|twoje)[-_]|^ваш|^__\w+__$/iu;

const STAND_IN_WORDS_EACH = new RegExp(STAND_IN_WORDS.source, 'giu');

/**
 * A long run of base64's alphabet in both cases and with digits, no words: a key's body, where letters spell a stand-in
 * word by chance (one RSA key in some ten thousand holds "duMMY" or the like).
 */
const RANDOM_RUN = /[A-Za-z0-9+/]{32,}/g;

function randomRuns(value: string): Array<[number, number]> {
  return [...value.matchAll(RANDOM_RUN)]
    .filter((run) => /[A-Z]/.test(run[0]) && /[a-z]/.test(run[0]) && /\d/.test(run[0]) && !isWords(run[0]))
    .map((run) => [run.index, run.index + run[0].length]);
}

/** A word written as one inside a run: in one case or capitalised ("Dummy", "changeMe"), not run on in lower case. */
function spelledAsWord(value: string, start: number, word: string): boolean {
  const before = value[start - 1] ?? '';
  const after = value[start + word.length] ?? '';
  const shaped = /^(?:[a-z]+|[A-Z]+|[A-Z]?[a-z]+(?:[A-Z][a-z]+)*)$/.test(word.replace(/[-_]/g, ''));
  const startsAsWord = !/[A-Za-z]/.test(before) || (/[A-Z]/.test(word[0]!) && /[a-z]/.test(before));
  return shaped && startsAsWord && !/[a-z]/.test(after);
}

/** Whether a value says it is a stand-in ("sk-ant-api03-YOUR-KEY-HERE"); an x-filled key of a format may be a key's example, not this. */
export function saysStandIn(value: string): boolean {
  if (!STAND_IN_WORDS.test(value)) return false;
  const runs = randomRuns(value);
  if (runs.length === 0) return true;
  for (const m of value.matchAll(STAND_IN_WORDS_EACH)) {
    const inRun = runs.some(([start, end]) => m.index >= start && m.index + m[0].length <= end);
    if (!inRun || spelledAsWord(value, m.index, m[0])) return true;
  }
  return false;
}

/**
 * Letters typed over and over to fill a documentation's value ("8f742231b10e8888abcd99yyyzzz85a5"), or a UUID typed by
 * hand, with letters past "f" ("px-dep-d4c3b2a1-f6e5-h8g7-j1i8-p5o0n5m3l2k1").
 */
const TYPED_FILLER = /(?:xxx|yyy|zzz)(?:xxx|yyy|zzz)|(?<![0-9a-z])(?=[0-9a-f-]{0,35}[g-z])[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}(?![0-9a-z])/i;

/** A dummy standing where a secret would be: "xxx", "<token>", "${API_KEY}", "your_api_key", "changeme", a masked tail. */
export function isDummy(value: string): boolean {
  return DUMMY.test(value) || TYPED_FILLER.test(value) || MASKED_TAIL.test(value) || REFERENCE.test(value) || saysStandIn(value) || isDocumentedExample(value);
}

/** One character over and over ("aaaaaaaa", "========"). */
export function isOneCharacter(value: string): boolean {
  return /^(.)\1+$/.test(value);
}

/** A dummy, or a word naming the secret rather than being it. */
export function isPlaceholder(value: string): boolean {
  return isDummy(value) || NAME_WORD.test(value);
}

/**
 * A file's path: under a system's or an app's usual folders, or ending in a key's, certificate's or config's
 * extension ("keyFile: /etc/ssl/private/server.key", "GOOGLE_APPLICATION_CREDENTIALS=./sa.json"). Base64 may
 * start with "/" too ("/UwcSPg38hW/D9Y3…="), so a path needs one of those.
 */
export const FILE_PATH =
  /^(?:~|\.{1,2})\/[\w.@/-]+$|^(?:~|\.{1,2})?\/(?:(?:etc|usr|var|home|opt|tmp|srv|run|mnt|root|Users|app|data|secrets?|certs?|ssl|keys?|config)\/[\w.@/-]*|[\w.@/-]*\.(?:key|pem|crt|cer|p12|pfx|jks|keystore|json|ya?ml|txt|env|conf|cfg|ini|pub|der|asc|gpg|kdbx))$/;

/** Separators between words, and the words: plain, camel case, acronyms ("aws4", "sharedData", "HMAC", "SHA256"). */
const JOINER = String.raw`[/._=:|@-]`;
/**
 * A word starts in lower case, or is capitalised, or is an acronym: three shapes that never start the same text, so
 * a run of words is read one way only ("A-A-A-…#" once took 22 s when a lone capital fit two of them).
 */
const WORD = String.raw`(?:[a-z]+(?:[A-Z][a-z]+)*\d*|[A-Z][a-z]+(?:[A-Z][a-z]+)*\d*|[A-Z]+(?![a-z])\d*)`;
/**
 * Words joined, perhaps with a version or a year: "differences/distinctions?", "cookie_consent=true",
 * "webpages:Version", "analytics_v2", "X-Amz-Credential", "__smithy_context", "AWS4-HMAC-SHA256",
 * "source-map-support/sharedData", "string|number|object". A random token's parts mix cases and digits inside them.
 */
const JOINED_WORDS = new RegExp(String.raw`^${JOINER}*${WORD}(?:${JOINER}+(?:${WORD}|\d{1,4}))+${JOINER}*[?!.,]?$`);
/**
 * A type's or a function's name in camel case: "Uint8Array", "ServerHttp2Session", "GPUComputePassDescriptor",
 * "nationalPrefixIsOptional", "cannotHaveAUsername". Random letters fit the shape too, now and then, so most of
 * the name must be words of two letters or more. A run of capitals ends only before a word, a digit or the end, so
 * it is never split in more than one way ("ABAB…AB!" once took seconds).
 */
const CAMEL_CASE = /^_*[a-z]*\d*(?:[A-Z][a-z]+\d*|[A-Z]+(?=[A-Z][a-z]|\d|$)\d*)+$/;
/** A constant's name: "DEFAULT_MAX_KEY_LENGTH", "CL100K_TOKEN_SPLIT_REGEX". */
export const CONSTANT_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

function wordShare(value: string): number {
  let letters = 0;
  for (const m of value.matchAll(/[A-Z]?[a-z]{2,}/g)) letters += m[0].length;
  return letters / value.length;
}

/**
 * A constant's parts are words, short numbers or short codes ("CL100K", "V2"), half of them words of three letters
 * or more; a random token in capitals and digits has long mixed parts ("KO_Z8UEFEU730Y0R_FWLSZUH").
 */
function constantParts(parts: string[]): boolean {
  const words = parts.filter((p) => /^[A-Z]{3,}$/.test(p)).length;
  return words * 2 >= parts.length && parts.every((p) => /^[A-Z]+$/.test(p) || /^\d{1,4}$/.test(p) || (p.length <= 6 && /^[A-Z0-9]+$/.test(p)));
}

/** An identifier or a word, or words joined. */
export function isWords(value: string): boolean {
  if (/^[a-z]+$/i.test(value) && value.length < 24) return true;
  return (
    JOINED_WORDS.test(value) ||
    (CAMEL_CASE.test(value) && wordShare(value) >= 0.8) ||
    (CONSTANT_NAME.test(value) && constantParts(value.split('_')))
  );
}

const PROPERTY_ACCESS = /^[A-Za-z_$][\w$]*(?:\??\.#?[A-Za-z_$][\w$]*)+(?:\(|(?:\?\?|\|\||&&)[!\w$.]*)?$/;
/** A property's name: short, or words ("HF_TOKEN", "sortKeys||!1"). */
function propertyName(part: string): boolean {
  const name = /^[\w$]*/.exec(part)![0];
  return name.length < 12 || isWords(name.replace(/\$/g, ''));
}

export function looksRandom(value: string): boolean {
  // A UUID or a ULID is an id ("session_key": "01J6NXESV2KK7J4GP0VFXTRW99").
  if (isPlaceholder(value) || SEQUENTIAL.test(value) || UUID.test(value) || ULID.test(value) || value.includes('://') || HOST_NAME.test(value)) return false;
  // A file's path or name ("2024-06-01/db.sql.gz").
  if (FILE_PATH.test(value) || /\.(?:gz|zip|tgz|tar|sql|json|csv|txt|log|png|jpe?g|pdf|ya?ml|xml|html?|tfstate)$/i.test(value)) return false;
  if (isOneCharacter(value) || /^(.)\1{6,}/.test(value)) return false;
  // Words of a script written without blanks ("Manager。两者在密钥轮换方面…"): a sentence, not a key.
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f]/u.test(value)) return false;
  if (isWords(value)) return false;
  if (/^\d+$/.test(value) && value.length < 12) return false;
  // Digits in groups of different lengths are a number written out ("978-0-13-468599-1"; a key's groups are alike:
  // "8841-2290-5573-1164-9920"), a digest an integrity check or an image's reference ("sha256:9f8…", "v1.2@sha256:…"),
  // not a secret.
  if ((/^\d+(?:[ .\/-]\d+)+$/.test(value) && new Set(value.split(/[ .\/-]/).map((group) => group.length)).size > 1) || DIGEST.test(value)) return false;
  // A hexadecimal literal up to an address's 40 digits: a PGP key's id, a checksum, a contract's address ("0x5158EAC31884F57B").
  if (/^0x[0-9a-fA-F]{1,40}$/.test(value)) return false;
  // A property access, perhaps with a fallback: "process.env?.HF_TOKEN", "e.sortKeys||!1". Its properties are names, not
  // random runs: "mlsn.4015af…", "pat.Ln4ktKd4soxvwvBNGHcEp2.0da0…" are tokens whose provider put a dot after its prefix.
  // A minified variable's ("b.Z4bTMtngfLeQ18AqVoBBkUAOD1", "e.sortKeys") or an object's of code's ("this.ctx.x7Kp…",
  // "settings.…") may hold anything.
  if (PROPERTY_ACCESS.test(value) && (/^(?:[A-Za-z_$][\w$]?|this|self|ctx|context|settings|config|cfg|env|process|window|props|state|options|opts|params|req|res|app)\./.test(value) || value.split(/\??\.#?/).slice(1).every(propertyName))) return false;
  // JSON in base64url ("eyJhbGciOiJIUzI1NiJ9", a token's header alone) is data, unless it holds a key (Neptune's tokens).
  if (/^eyJ[A-Za-z0-9_-]*={0,2}$/.test(value)) {
    const json = Buffer.from(value, 'base64url').toString('latin1');
    if (json.startsWith('{"') && !/key|token|secret|passw|"k"\s*:/i.test(json)) return false;
  }
  // A regular expression's literal, a documented example ("…EXAMPLEKEY"), a number with its unit ("30.00s", "512MB").
  if (/^\/\^|\$\/[gimsuy]*$/.test(value) || /EXAMPLE/.test(value) || /^[\d.,:]+[a-z%]{0,3}$/i.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((c) => c.test(value)).length;
  if (value.length < 16) return classes >= 3 && /\d/.test(value);
  return entropy(value) >= 3.0 && classes >= 2;
}

/**
 * Whether the word at `index` stands inside an ARN, where "secret" names a secret kept in AWS's manager, not its value
 * ("arn:aws:secretsmanager:eu-west-1:…:secret:prod/db").
 */
export function insideArn(text: string, index: number): boolean {
  return /arn:aws:[^\s"']*$/.test(text.slice(Math.max(0, index - 80), index + 1));
}
