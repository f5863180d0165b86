import { validateMnemonic } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english';
import { wordAlternation } from './alternation';
import { isBitcoinWif } from './bitcoin-wif';
import { EMULATOR_ACCOUNT, isDocumentedExample, isDummy, isOneCharacter, isPlaceholder, isWords, looksRandom, PUBLIC_VALUE, SEQUENTIAL, ULID, UUID } from './secret-values';

/** "Password" in the languages prompts come in besides English, as configs name it. */
const FOREIGN_PASSWORD_WORDS = wordAlternation(
  'passwort|kennwort|mot_de_passe|mot_de passe|mot de_passe|mot de passe|motdepasse|contraseña|contrasena|senha|wachtwoord|lösenord|losenord|adgangskode|passord|salasana|hasło|haslo|heslo|jelszó|jelszo|parola|şifre|sifre|lozinka|geslo|пароль|密码|密碼|パスワード|비밀번호|κωδικός|סיסמה|كلمة_المرور|كلمة المرور|mật_khẩu|mật khẩu'.split('|'),
);

/** Test phrases published for anyone to use: BIP 39's first vector, Hardhat's and Anvil's development wallets. */
const PUBLISHED_MNEMONICS = [
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about',
  'test test test test test test test test test test test junk',
];

/** "-u <user> -p": the user option, then the password option (attached or after a blank: the patterns below). */
const USER_THEN_P = String.raw`\s-u[^\S\n]*[^\s-]\S*[^\S\n]+-p`;
/** "-U <user> -P": SQL Server's sqlcmd, ipmitool, Sybase's tools: the password after a capital P. */
const CAPITAL_USER_THEN_P = String.raw`\s-U[^\S\n]*[^\s-]\S*[^\S\n]+-P`;
const COMMAND_LINE_VALUE = String.raw`[^\s\-$%{<'"\`][^\s'"\`]{5,}`;
/** As above, but not an option of Windows' ("/persistent:no") or its prompt for the password ("*"). */
const NET_USE_VALUE = String.raw`[^\s\-$%{<'"\`/*][^\s'"\`]{5,}`;

/** Providers whose keys are UUIDs. */
const UUID_KEY_PROVIDERS = wordAlternation('heroku|snyk|codecov|postmark|opsgenie|sauce|railway|splunk|consul|atlas|cypress|scw|scaleway|appsignal|push_api|jenkins'.split('|'));

/**
 * Known credential formats: a prefix a provider puts on its tokens, or a shape no
 * ordinary text has. Each is specific enough to need no surrounding context, except
 * those with `context`: words that must appear in the 100 characters (or `window`) before the value.
 * `unlessBefore`: a pattern the 300 characters before the value must not match.
 * `requires` names a literal the text must contain (or cheap patterns it must match, each), for patterns that start with no prefix.
 * A pattern with capture groups (and the `d` flag) finds the first group that matched, not the whole match; `valid` checks what it found.
 */
export const SECRET_PATTERNS: Array<{
  name: string;
  pattern: RegExp;
  context?: RegExp;
  unlessBefore?: RegExp;
  requires?: string | RegExp | RegExp[];
  /** How many characters before the value `context` reads (100 unless given). */
  window?: number;
  valid?: (value: string) => boolean;
}> = [
  // AWS's documented example ("AKIAIOSFODNN7EXAMPLE") is no key.
  { name: 'aws-access-key-id', pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA|ABIA|ACCA|A3T[0-9A-Z])[0-9A-Z]{16}\b/g, valid: (value) => !value.endsWith('EXAMPLE') },
  // Prefixes spelled out whole ("ghp_", not "gh" and a class): the pre-filter looks for them, and "gh" or "gl" is in
  // many words.
  { name: 'github-token', pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}\b|\bgithub_pat_[A-Za-z0-9_]{60,255}\b/g },
  { name: 'gitlab-token', pattern: /\b(?:glpat|gldt|glrt|glptt|glcbt|gloas|glft|glimt|glsoat|glffct|glagent)-[A-Za-z0-9_-]{20,}|\bGR1348941[A-Za-z0-9_-]{20}\b/g },
  // A Slack token holds its team's and user's numbers or is long ("xoxo-3184-summer" is a campaign's code).
  { name: 'slack-token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b|\bxapp-\d-?[A-Za-z0-9/-]{10,}/g, valid: (value) => (/\d{8}/.test(value) || value.length >= 30) && !isWords(value.slice(5)) },
  // Not the documentation's "T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX".
  { name: 'slack-webhook', pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/g, valid: (value) => !/0{8}|X{8}/.test(value) },
  // Secret and restricted keys; a publishable key ("pk_live_…") is made to be shipped to browsers.
  { name: 'stripe-key', pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b/g },
  { name: 'anthropic-key', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/g },
  // X's (Twitter's) app-only bearer token: twenty-odd "A"s, then the app's part with its URL-encoded "/" and "=".
  { name: 'twitter-bearer-token', pattern: /\bA{20,24}[A-Za-z0-9]{10,}(?:%[0-9A-F]{2}[A-Za-z0-9]+){1,6}\b/g, valid: (value) => /[a-z]/.test(value) && value.length >= 80 },
  { name: 'openai-key', pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}(?:T3BlbkFJ[A-Za-z0-9_-]{20,})?/g },
  // Not a key a web page ships to every browser: the Maps JavaScript API's script and a Firebase web app's config are
  // public by design (Google and Firebase document them so; referrer restrictions, not secrecy, guard them).
  {
    name: 'google-api-key',
    pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g,
    unlessBefore: /maps\.googleapis\.com\/maps\/api\/js\?[^\s"'<>]*$|(?:firebaseConfig|initializeApp\()[^;]{0,40}\{[^}]{0,200}apiKey["']?[ \t]*:[ \t]*["']$/,
  },
  { name: 'google-oauth-secret', pattern: /\bGOCSPX-[A-Za-z0-9_-]{20,}/g },
  { name: 'sendgrid-key', pattern: /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g },
  { name: 'twilio-key', pattern: /\bSK[0-9a-f]{32}\b/g },
  // Its secret beside it, as a pair is written ("SK…:secret" for Basic auth, "SK…, secret", twilio("SK…", "secret")).
  {
    name: 'twilio-key-secret',
    pattern: /\bSK[0-9a-f]{32}['"]?[ \t]*[:,][ \t]*['"]?([A-Za-z0-9]{32})(?![A-Za-z0-9])/dg,
    valid: looksRandom,
  },
  // A secret written after its public id, as the pair is pasted ("AKIA…/9drT…", "AKIA… / …", "AC…:…", a CSV's two cells,
  // two quoted strings run together):
  // AWS's secret access key after its key id, Twilio's auth token after its account SID.
  {
    name: 'aws-secret-beside-key-id',
    pattern: /\b(?:AKIA|ASIA|A3T[0-9A-Z])[0-9A-Z]{16}(?:['"]?[ \t]*(?:[:,/|;]|[ \t])[ \t]*['"]?|''|"")([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dg,
    valid: looksRandom,
  },
  {
    name: 'twilio-token-beside-sid',
    pattern: /\bAC[0-9a-f]{32}['"]?[ \t]*(?:[:,/|;]|[ \t])[ \t]*['"]?([0-9a-f]{32})(?![0-9a-f])/dg,
    valid: looksRandom,
  },
  // Ably's key: the app's id and the key's id, public, then its secret ("Ggkvcu.AkuyB1:_TJai5Sd…"); taken whole.
  {
    name: 'ably-key',
    pattern: /(?<![\w.-])[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{6}:[A-Za-z0-9_-]{30,60}(?![\w-])/g,
    requires: /\.[A-Za-z0-9_-]{6}:[A-Za-z0-9_-]{30}/,
    valid: (value) => looksRandom(value.slice(value.indexOf(':') + 1)),
  },
  { name: 'npm-token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { name: 'pypi-token', pattern: /\bpypi-AgE[A-Za-z0-9_-]{50,}/g },
  { name: 'huggingface-token', pattern: /\bhf_[A-Za-z0-9]{30,}\b/g },
  { name: 'shopify-token', pattern: /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/g },
  { name: 'digitalocean-token', pattern: /\b(?:doo|dop|dor)_v1_[a-f0-9]{64}\b/g },
  { name: 'doppler-token', pattern: /\bdp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9._-]{30,}/g },
  { name: 'databricks-token', pattern: /\bdapi[a-f0-9]{32}(?:-\d)?\b/g },
  { name: 'vault-token', pattern: /\bhv[sbr]\.[A-Za-z0-9_-]{24,}/g },
  // Vault's tokens before 1.10 ("s.PPqP0ZBmkEOnVgUaxayXvedg"): a short prefix, so only after Vault's name.
  // Service tokens of 24 characters (Nosey Parker's rules count 26 as one of these and as a near miss of the next
  // version); batch tokens start with their encoded version ("b.AAAAAQ…"), a short "b." one is none; a property's
  // words are none ("s.VaultClientConfiguration").
  {
    name: 'vault-legacy-token',
    pattern: /\b(?:[sr]\.[A-Za-z0-9]{24}|b\.AAAAA[A-Za-z0-9_-]{40,})(?![A-Za-z0-9_-])/g,
    requires: /vault/i,
    context: /vault/i,
    valid: (value) => looksRandom(value.slice(2)),
  },
  { name: 'sourcegraph-token', pattern: /\bsgp_(?:[a-f0-9]{16}_|local_)?[a-f0-9]{40}\b/g },
  { name: 'postman-key', pattern: /\bPMAK-[a-f0-9]{24}-[a-f0-9]{34}\b/g },
  { name: 'tavily-key', pattern: /\btvly-[A-Za-z0-9]{20,}/g },
  { name: 'jina-key', pattern: /\bjina_[a-f0-9]{32}[A-Za-z0-9]{20,}/g },
  { name: 'mailgun-key', pattern: /\bkey-[a-f0-9]{32}\b/g },
  { name: 'mailchimp-key', pattern: /\b[a-f0-9]{32}-us\d{1,2}\b/g, requires: '-us' },
  { name: 'adafruit-key', pattern: /\baio_[A-Za-z0-9]{28}\b/g },
  { name: 'artifactory-key', pattern: /\bAKCp[A-Za-z0-9]{69}\b/g },
  { name: 'age-secret-key', pattern: /\bAGE-SECRET-KEY-1[0-9A-Z]{58}\b/g },
  { name: 'dynatrace-token', pattern: /\bdt0[a-z]\d{2}\.[A-Z0-9]{24}\.[A-Z0-9]{64}\b/g },
  { name: 'new-relic-key', pattern: /\bNRA[AKJ]-[a-f0-9]{27}\b|\bNRAK-[A-Z0-9]{27}\b/g },
  { name: 'mapbox-token', pattern: /\b(?:pk|sk|tk)\.eyJ[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}/g },
  // Not the storage emulator's account, whose key Azurite ships and Microsoft publishes.
  { name: 'azure-connection-string', pattern: /\b(?:AccountKey|SharedAccessKey|Secret)=[A-Za-z0-9+/=]{20,}/g, unlessBefore: EMULATOR_ACCOUNT },
  // HubSpot's private apps' tokens: "pat-", the data centre's region, a UUID.
  { name: 'hubspot-private-app-token', pattern: /\bpat-(?:na|eu|ap)\d-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g },
  // OpenWeatherMap's key is its API's "appid" parameter.
  { name: 'openweathermap-key', pattern: /\bopenweathermap\.org\/[^\s"'<>]*[?&]appid=([0-9a-f]{32})\b/dg, requires: 'openweathermap.org' },
  { name: 'amazon-mws-token', pattern: /\bamzn\.mws\.[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}\b/g },
  { name: 'aws-appsync-key', pattern: /\bda2-[a-z0-9]{26}\b/g },
  { name: 'salesforce-token', pattern: /\b00[A-Za-z0-9]{13}![A-Za-z0-9._]{80,}/g },
  // A random secret part of 16 holds a digit; a dotted name ("system.gcgenerationinfo.sizeafterbytes") has none, or goes on.
  {
    name: 'kubernetes-bootstrap-token',
    pattern: /(?<![\w./-])[a-z0-9]{6}\.(?=[a-z]*\d)[a-z0-9]{16}\b(?!\.\w)(?<!abcdef\.0123456789abcdef)/g,
    requires: /\.[a-z0-9]{16}\b/,
  },
  { name: 'atlassian-token', pattern: /\bAT(?:ATT|CTT)3[A-Za-z0-9_=-]{100,}|\bATBB[A-Za-z0-9]{32}\b/g },
  { name: 'linear-key', pattern: /\blin_(?:api|oauth)_[A-Za-z0-9]{40}\b/g },
  { name: 'notion-token', pattern: /\b(?:secret_[A-Za-z0-9]{43}|ntn_[A-Za-z0-9]{46})\b/g },
  { name: 'figma-token', pattern: /\bfig[du]_[A-Za-z0-9_-]{40,}/g },
  { name: 'grafana-token', pattern: /\bglc_[A-Za-z0-9+/]{32,}={0,2}|\bglsa_[A-Za-z0-9]{32}_[a-f0-9]{8}\b/g },
  { name: 'heroku-key', pattern: /\bHRKU-[A-Za-z0-9_-]{30,}/g },
  // Also inside the Bot API's URL ("api.telegram.org/bot6535017442:AAL…/sendMessage"); 35 characters after the colon,
  // 34 in Telegram's own documentation.
  { name: 'telegram-bot-token', pattern: /(?<![\d:])\d{8,10}:AA[A-Za-z0-9_-]{30,33}(?![A-Za-z0-9_-])/g, requires: ':AA' },
  { name: 'discord-webhook', pattern: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d+\/[A-Za-z0-9_-]{60,}/g },
  { name: 'discord-bot-token', pattern: /\b[MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}(?![A-Za-z0-9_-])/g },
  { name: 'teams-webhook', pattern: /https:\/\/(?:[a-z0-9-]+\.webhook\.office\.com\/webhookb2|outlook\.office(?:365)?\.com\/webhook)\/[A-Za-z0-9@-]+\/IncomingWebhook\/[A-Za-z0-9]+\/[A-Za-z0-9-]+/g },
  { name: 'zapier-webhook', pattern: /https:\/\/hooks\.zapier\.com\/hooks\/catch\/\d+\/[a-z0-9]+/g },
  { name: 'make-webhook', pattern: /https:\/\/hook\.(?:eu|us)\d\.make\.com\/[a-z0-9]{32}\b/g },
  // Nostr's private keys in bech32 ("nsec1" and 58 characters of its alphabet).
  { name: 'nostr-private-key', pattern: /\bnsec1[02-9ac-hj-np-z]{58}\b/g },
  // Blockfrost's project ids are its API keys: the network's name and 32 letters and digits.
  { name: 'blockfrost-project-id', pattern: /\b(?:mainnet|preprod|preview|testnet)[A-Za-z0-9]{32}\b/g, valid: (value) => /\d/.test(value) && /[A-Z]/.test(value) },
  // An access token or an application's secret; an application's id ("sq0idp-…") is given to browsers.
  { name: 'square-token', pattern: /\bsq0(?:atp|csp)-[A-Za-z0-9_-]{22,43}(?![A-Za-z0-9_-])|\bEAAA[A-Za-z0-9_-]{60}(?![A-Za-z0-9_-])/g },
  { name: 'braintree-token', pattern: /\baccess_token\$(?:production|sandbox)\$[a-z0-9]{16}\$[a-f0-9]{32}\b/g },
  { name: 'facebook-token', pattern: /\bEAA[BC][A-Za-z0-9]{100,}/g },
  { name: 'dropbox-token', pattern: /\bsl\.(?:u\.)?[A-Za-z0-9_-]{130,}/g },
  { name: 'sentry-token', pattern: /\bsntry[su]_[A-Za-z0-9+/=_-]{40,}/g },
  { name: 'supabase-key', pattern: /\bsbp_[a-f0-9]{40}\b|\bsb_secret_[A-Za-z0-9_-]{20,}/g },
  { name: 'netlify-token', pattern: /\bnfp_[A-Za-z0-9]{36}\b/g },
  { name: 'pulumi-token', pattern: /\bpul-[a-f0-9]{40}\b/g },
  { name: 'terraform-cloud-token', pattern: /\b[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}(?![A-Za-z0-9_=-])/g, requires: '.atlasv1.' },
  { name: 'docker-hub-token', pattern: /\bdckr_(?:pat|oat)_[A-Za-z0-9_-]{27,}/g },
  { name: 'rubygems-key', pattern: /\brubygems_[a-f0-9]{48}\b/g },
  { name: 'nuget-key', pattern: /\boy2[a-z0-9]{43}\b/g },
  { name: 'clojars-token', pattern: /\bCLOJARS_[a-z0-9]{60}\b/g },
  { name: 'contentful-token', pattern: /\bCFPAT-[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g },
  { name: 'airtable-token', pattern: /\bpat[A-Za-z0-9]{14}\.[a-f0-9]{64}\b/g },
  { name: 'asana-token', pattern: /\b(?:[0-9]\/[0-9]{16}|2\/[0-9]{10,}\/[0-9]{10,}):[a-f0-9]{32}\b/g },
  { name: 'buildkite-token', pattern: /\bbkua_[a-f0-9]{40}\b/g },
  { name: 'cloudflare-origin-ca-key', pattern: /\bv1\.0-[a-f0-9]{24}-[a-f0-9]{146}\b/g },
  { name: 'stripe-webhook-secret', pattern: /\bwhsec_[A-Za-z0-9+/]{32,}/g },
  { name: 'brevo-key', pattern: /\bx(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}\b/g, requires: 'sib-' },
  { name: 'segment-token', pattern: /\bsgp_[A-Za-z0-9]{64}\b/g },
  { name: 'tailscale-key', pattern: /\btskey-(?:api|auth|client|scim|webhook)-[A-Za-z0-9]{6,}-[A-Za-z0-9]{20,}/g },
  { name: 'replicate-token', pattern: /\br8_[A-Za-z0-9]{37}\b/g },
  { name: 'paddle-api-key', pattern: /\bpdl_(?:live|sdbx)_apikey_[a-z0-9]{26}_[A-Za-z0-9]{22}_[A-Za-z0-9]{3}\b/g },
  { name: 'astra-db-token', pattern: /\bAstraCS:[A-Za-z0-9]{24}:[a-f0-9]{64}\b/g },
  { name: 'things-network-key', pattern: /\bNNSXS\.[A-Z0-9]{39}\.[A-Z0-9]{52}\b/g },
  { name: 'harness-token', pattern: /\b(?:pat|sat)\.[A-Za-z0-9_-]{22}\.[a-f0-9]{24}\.[A-Za-z0-9]{20}\b/g },
  { name: 'mailersend-token', pattern: /\bmlsn\.[a-f0-9]{64}\b/g },
  { name: 'volcengine-access-key', pattern: /\bAKLT[A-Za-z0-9_-]{40,60}(?![A-Za-z0-9_-])/g },
  // A Flagsmith environment's server-side key ("ser." and 22); its client key has no prefix.
  { name: 'flagsmith-server-key', pattern: /\bser\.[A-Za-z0-9]{22}\b/g, valid: (value) => looksRandom(value.slice(4)) },
  // A value its maker prefixed with "secret": Statsig's server secrets ("secret-…"), and others'.
  // Not a resource named after the secrets it holds ("name: secret-c2Vyd…", "secret-7f8d9c…" in a listing): the body mixes
  // cases and digits, and no name's label stands before it.
  {
    name: 'secret-prefixed-value',
    pattern: /\bsecret[-_][A-Za-z0-9]{24,}(?![A-Za-z0-9_-])/g,
    unlessBefore: /name:[ \t]*["']?$/,
    valid: (value) => looksRandom(value.slice(7)) && /[a-z]/.test(value.slice(7)) && /[A-Z]/.test(value) && /\d/.test(value),
  },
  // Ethereum node providers take the project's key in the RPC URL's path.
  // (Infura's project id in its URL is given to browsers; its secret goes apart.)
  { name: 'rpc-url-key', pattern: /\b(?:[a-z0-9-]+\.g\.alchemy\.com|alchemyapi\.io)\/v2\/([A-Za-z0-9_-]{32})(?![A-Za-z0-9_-])|\.quiknode\.pro\/([0-9a-f]{32,64})(?![0-9a-f])/dg, requires: /alchemy|quiknode\.pro/ },
  // An incoming webhook's id in its URL is the secret that lets anyone post (Mattermost's: 26 letters and digits).
  // Netlify's build hooks too ("/build_hooks/" and 24 hex digits).
  { name: 'webhook-url-id', pattern: /\bhttps?:\/\/[^\s/]+\/(?:build_)?hooks\/([a-z0-9]{24,26})(?![A-Za-z0-9_-])/dg, valid: (value) => /\d/.test(value) && looksRandom(value) && !ULID.test(value.toUpperCase()) },
  // An Azure Function's key in its URL ("…azurewebsites.net/api/Fn?code=…").
  { name: 'azure-function-key', pattern: /\.azurewebsites\.net\/api\/[^\s?#]*\?(?:[^\s#]*&)?code=([A-Za-z0-9_%/+-]{40,}={0,2})/dg, requires: 'azurewebsites.net' },
  // Bundler's credentials for a gem server: "bundle config enterprise.contribsys.com user:pass", "BUNDLE_GEMS__ACME__COM=user:pass".
  { name: 'bundler-credentials', pattern: /\bbundle[^\S\n]+config[^\S\n]+(?:--(?:global|local)[^\S\n]+)?[\w-]+(?:\.[\w-]+)+[^\S\n]+([^\s:]+:[^\s:]{6,})|\bBUNDLE_[A-Z0-9_]+__[A-Z0-9_]+=["']?([^\s:"']+:[^\s"']{6,})/dg, requires: /bundle|BUNDLE_/ },
  // Consul's and Serf's gossip encryption key: 32 bytes of base64.
  { name: 'gossip-encryption-key', pattern: /^[ \t]*"?encrypt"?[ \t]*[=:][ \t]*"([A-Za-z0-9+/]{43}=)"/dgm, requires: 'encrypt' },
  // An extended private key of a wallet (BIP 32), main net or test net.
  { name: 'bip32-private-key', pattern: /\b[xt]prv[1-9A-HJ-NP-Za-km-z]{100,112}\b/g },
  // A NATS nkey's seed: "S", its kind, and base32.
  { name: 'nats-nkey-seed', pattern: /\bS[UAONCXP][A-Z2-7]{54,56}\b/g },
  { name: 'neon-api-key', pattern: /\bnapi_[a-z0-9]{64}\b/g },
  { name: 'resend-api-key', pattern: /\bre_[A-Za-z0-9]{8}_[A-Za-z0-9]{24}\b/g },
  { name: 'asaas-api-key', pattern: /\$aact_(?:prod|hmlg)_[A-Za-z0-9+/=_-]{40,}/g, requires: '$aact_' },
  { name: 'zeptomail-token', pattern: /\bZoho-enczapikey[^\S\n]+([A-Za-z0-9+/]{40,}={0,2})/dg },
  // A signed URL's signature beside what signs it: CloudFront's Key-Pair-Id, S3's X-Amz-Credential.
  { name: 'signed-url-signature', pattern: /[?&](?:Signature|X-Amz-Signature)=([A-Za-z0-9~_%+/-]{40,}={0,2})/dg, requires: /Key-Pair-Id=|X-Amz-Credential=/ },
  // SQL's password literal: "CREATE USER … IDENTIFIED BY '…'", "CREATE ROLE … WITH PASSWORD '…'".
  { name: 'sql-password', pattern: /\b(?:IDENTIFIED[^\S\n]+BY|PASSWORD)[^\S\n]+'([^'\n]{4,200})'/dgi, requires: /IDENTIFIED|PASSWORD/i, valid: (value) => !isDummy(value) && !/^\$|\{\{|%s/.test(value) },
  // A user's name and password given as a pair to a client's auth: "auth=('neo4j', '…')", requests' auth=(user, pass).
  { name: 'auth-pair-password', pattern: /\bauth[ \t]*=[ \t]*\([ \t]*["'][^"'\n]{1,80}["'][ \t]*,[ \t]*(?:"([^"\s]{6,200})"|'([^'\s]{6,200})')[ \t]*\)/dgi, requires: /auth/i, valid: (value) => !isDummy(value) },
  // Oracle's tools take "user/password@connect": "sqlplus rpt/khnK…@//host:1521/PDB".
  {
    name: 'oracle-connect-password',
    pattern: /\b(?:sqlplus|sqlldr|rman|expdp|impdp|exp|imp|dgmgrl)\b[^\S\n]+(?:-[sSlL][^\S\n]+)*[A-Za-z][\w$#]*\/([^\s@/"']{4,200})@/dg,
    requires: /sqlplus|sqlldr|rman|expdp|impdp|exp|imp|dgmgrl/,
    valid: (value) => !isDummy(value) && !/^\$|^&/.test(value),
  },
  // A password under its name in another language ("lösenord = …", "Şifre = \"…\"", "\"密码\": \"…\"", "пароль = …").
  {
    name: 'password-in-other-languages',
    pattern: new RegExp(
      String.raw`(?<![\p{L}\p{N}])(?:${FOREIGN_PASSWORD_WORDS})["']?[ \t]*(?:=>|[=:])[ \t]*(?:"([^"\n]{4,200})"|'([^'\n]{4,200})'|([^\s"',;]{4,200}))`,
      'dgiu',
    ),
    requires: new RegExp(FOREIGN_PASSWORD_WORDS, 'iu'),
    valid: (value) => value.length >= 6 && !isPlaceholder(value) && !/^[$%{<]|^env:|\{\{/.test(value) && /[\d\p{P}\p{S}]/u.test(value) && /\p{L}/u.test(value),
  },
  { name: 'docker-swarm-token', pattern: /\bSWMTKN-1-[a-z0-9]{50}-[a-z0-9]{25}\b/g },
  // A token as a URL's user with no password, as DSNs carry one ("https://fed3…@app.deepsource.com").
  // Not Sentry's DSN, whose key its docs make public (it only lets events in), known by its project's number as the path,
  // self-hosted too; nor a user's name ("brd-customer-c7f3k2z-zone-res", "contoso-eng-7f3k2qx9"): a token is hex or one
  // run of letters and digits.
  {
    name: 'url-userinfo-token',
    pattern: /\b(?:https?|wss?):\/\/([A-Za-z0-9_-]{20,200})@(?![\w.-]*sentry\.io)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::\d+)?(?![\w.:-])(?!\/\d+(?:["'\s]|$))/dg,
    requires: '://',
    valid: (value) => looksRandom(value) && (/^[0-9a-f]{32,}$/.test(value) || !/-/.test(value)),
  },
  { name: 'groq-key', pattern: /\bgsk_[A-Za-z0-9]{52}\b/g },
  { name: 'perplexity-key', pattern: /\bpplx-[A-Za-z0-9]{48}\b/g },
  { name: 'xai-key', pattern: /\bxai-[A-Za-z0-9]{70,90}\b/g },
  { name: 'pinecone-key', pattern: /\bpcsk_[A-Za-z0-9_]{50,}/g },
  { name: 'langsmith-key', pattern: /\blsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}\b/g },
  { name: 'google-oauth-token', pattern: /\bya29\.[A-Za-z0-9_-]{30,}|\b1\/\/0[A-Za-z0-9_-]{40,}/g },
  { name: 'firebase-server-key', pattern: /\bAAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{130,}/g },
  { name: 'azure-client-secret', pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g, requires: 'Q~' },
  { name: 'yandex-key', pattern: /\bAQVN[A-Za-z0-9_-]{35,38}(?![A-Za-z0-9_-])|\by[0-3]_[A-Za-z0-9_-]{55}(?![A-Za-z0-9_-])/g },
  { name: 'alibaba-access-key-id', pattern: /\bLTAI[A-Za-z0-9]{12,20}\b/g },
  { name: 'tencent-secret-id', pattern: /\bAKID[A-Za-z0-9]{32}\b/g },
  { name: 'planetscale-token', pattern: /\bpscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{32,64}/g },
  { name: 'flyio-token', pattern: /\bfo1_[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])|\bFlyV1 fm[12][ar]?_[A-Za-z0-9+/=,_-]{40,}/g },
  { name: 'sonarqube-token', pattern: /\bsq[pua]_[a-f0-9]{40}\b/g },
  // SonarQube's tokens before their prefixes: forty hex digits given as the scanner's login ("-Dsonar.login=…", "$sonarLogin = …").
  { name: 'sonarqube-login-token', pattern: /\b[0-9a-f]{40}\b/g, requires: /sonar/i, context: /sonar[._-]?(?:login|token)\W{0,8}$/i, window: 40 },
  // Code Climate's test reporter id: the key its coverage uploads are accepted with, whatever its name says.
  { name: 'codeclimate-reporter-id', pattern: /\b[0-9a-f]{64}\b/g, requires: 'CC_TEST_REPORTER_ID', context: /CC_TEST_REPORTER_ID\W{0,8}$/, window: 40 },
  // Jenkins' crumb (its CSRF token, bound to the session that asked for it).
  { name: 'jenkins-crumb', pattern: /\bJenkins-Crumb[ \t]*[:=][ \t]*([0-9a-f]{32,64})\b/dg, requires: 'Jenkins-Crumb' },
  // Twitch's stream key: whoever holds it broadcasts on the channel.
  { name: 'twitch-stream-key', pattern: /\blive_\d{6,12}_[A-Za-z0-9]{30}\b/g },
  // Azure DevOps' personal access tokens since 2024: 84 characters with "AZDO" at the 77th, a mark specific enough that
  // only a filler is none.
  { name: 'azure-devops-pat', pattern: /\b[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}\b/g, requires: /AZDO/, valid: (value) => !isDummy(value.slice(0, 76)) && !isOneCharacter(value.slice(0, 76)) },
  // New Relic's license keys: forty characters ending in "NRAL", thirty-six hex digits or a region's "eu01xx" and thirty.
  { name: 'new-relic-license-key', pattern: /\b(?:[a-z]{2}\d{2}xx[0-9a-f]{30}|[0-9a-f]{36})NRAL\b/g, requires: /NRAL/, valid: (value) => !SEQUENTIAL.test(value) && !isDummy(value) },
  // Grafana's API keys before service accounts: base64 of {"k":…,"n":…,"id":…}.
  { name: 'grafana-api-key', pattern: /\beyJrIjoi[A-Za-z0-9+/_-]{40,}={0,2}/g },
  { name: 'jfrog-identity-token', pattern: /\bcmVmdGtuOjAxOj[A-Za-z0-9]{40,}/g },
  { name: 'shippo-token', pattern: /\bshippo_(?:live|test)_[a-f0-9]{40}\b/g },
  { name: 'duffel-token', pattern: /\bduffel_(?:test|live)_[A-Za-z0-9_=-]{43}(?![A-Za-z0-9_=-])/g },
  { name: 'easypost-key', pattern: /\bEZ[AT]K[A-Za-z0-9]{54}\b/g },
  { name: 'prefect-key', pattern: /\bpnu_[A-Za-z0-9]{36}\b/g },
  { name: 'crates-io-token', pattern: /\bcio[A-Za-z0-9]{32}\b/g },
  { name: 'stackhawk-key', pattern: /\bhawk\.[A-Za-z0-9_-]{20}\.[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-])/g },
  { name: 'readme-key', pattern: /\brdme_[a-z0-9]{70}\b/g },
  { name: 'adobe-client-secret', pattern: /\bp8e-[A-Za-z0-9]{32}\b/g },
  // TrueNAS API keys ("1-" and 64 letters and digits); mixed case, so a hex digest after a number is not one.
  { name: 'truenas-api-key', pattern: /\b\d{1,4}-[A-Za-z0-9]{64}\b/g, requires: /\d-[A-Za-z0-9]{64}/, valid: (value) => /[a-z]/.test(value) && /[A-Z]/.test(value) },
  // A ThingsBoard device's access token in its HTTP API's path.
  { name: 'thingsboard-access-token', pattern: /\/api\/v1\/([A-Za-z0-9]{20})\/(?:telemetry|attributes|rpc|claim)\b/dg },
  { name: 'putty-private-key', pattern: /PuTTY-User-Key-File-[23]:[^\n]*\n[\s\S]{0,4000}?Private-Lines:\s*\d+\s*\n[A-Za-z0-9+/=\r\n]{40,}/g },
  // Providers whose keys are UUIDs: only under the provider's name and a word for a key (their app and project ids are UUIDs too).
  // The key's name must be the one the value is given to ("HEROKU_API_KEY=<uuid>", "codecov:\n  token: <uuid>",
  // 'os.environ["HEROKU_API_KEY"] = "<uuid>"', "snyk auth <uuid>", "My Heroku API key is <uuid>"), not an earlier
  // line's: only quotes, brackets, "=", ":", "=>", "is" or "value" may stand between it and the value.
  {
    name: 'uuid-key-of-named-provider',
    pattern: /\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g,
    context: new RegExp(
      // Under a key that names the provider and a key ("HEROKU_API_KEY"), or the provider alone ("postmark: <uuid>").
      String.raw`(?<![a-z])(?:${UUID_KEY_PROVIDERS})(?:[\w\s.:-]{0,30}?(?:key|token|secret|auth)[\w.-]*(?<![_.-]id|[a-z]Id)(?:[\s"'=:>\[\]()$,-]|(?<![a-z])(?:is|value)(?![a-z])){0,12}|["'\x60]?[ \t]{0,5}(?::|=>?)[ \t]{0,5}["'\x60]?)$`,
      'i',
    ),
    requires: new RegExp(UUID_KEY_PROVIDERS, 'i'),
  },
  { name: 'okta-token', pattern: /\b00[A-Za-z0-9_-]{39}[A-Za-z0-9](?![A-Za-z0-9_-])/g, context: /okta/i },
  // With a key's body between its lines, base64 in both cases: "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END …" and
  // "<paste your key here>" are none.
  {
    name: 'pem-private-key',
    pattern: /-----BEGIN (?:[A-Z0-9 ]+ )?PRIVATE KEY(?: BLOCK)?-----[\s\S]*?-----END (?:[A-Z0-9 ]+ )?PRIVATE KEY(?: BLOCK)?-----/g,
    // Lines joined, but not the words of a line: "...your App Store Connect key contents..." is no body.
    // Nor a body cut short ("MIIEpAIBAAKCAQEA...") or written in words ("YourBase64EncodedPrivateKeyGoesHere").
    valid: (value) =>
      !/\.\.\.|…/.test(value) &&
      [...value.replace(/\\n|\r?\n[ \t]*/g, '').matchAll(/[A-Za-z0-9+/=]{16,}/g)].some((m) => /[A-Z]/.test(m[0]) && /[a-z0-9]/.test(m[0]) && !(m[0].length >= 24 && isWords(m[0]))),
  },
  // Decoded, a private key's armour (a certificate's is public: kubeconfig's "certificate-authority-data").
  // The whole of it: a bundle may hold a certificate or the curve's parameters before the key.
  { name: 'base64-pem-private-key', pattern: /\bLS0tLS1CRUdJTi[A-Za-z0-9+/=]{40,}/g, valid: (value) => /PRIVATE KEY/.test(Buffer.from(value.slice(0, 20_000), 'base64').toString('latin1')) },
  // Not jwt.io's own example, whose payload every tutorial prints ("John Doe", subject 1234567890).
  // Nor a token whose claims make it public: Supabase's "anon" key, made for browsers.
  {
    name: 'jwt',
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g,
    valid: (value) => !value.includes('.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.') && !/"role"\s*:\s*"anon"/.test(Buffer.from(value.split('.')[1]!, 'base64url').toString('latin1')),
  },
  // "Password =specialbill_user;" too: blanks before "=" but none after, as code's "pwd = (char *) p" has (bounded,
  // and the value a group: a lookbehind would scan back over blanks from every position).
  { name: 'connection-string-password', pattern: /(?:^|[;"'\s])(?:password|pwd)[ \t]{0,3}=((?![#$%{<(])[^;'"\s]{3,})(?=;|$|["'\s])/dgim, requires: /(?:password|pwd)[ \t]{0,3}=/i, valid: (value) => !isDummy(value) && !/[()[\]]/.test(value) },
  // A URL's query ("jdbc:mysql://db/app?user=root&password=…"), where "password=secret" is the documentation's example.
  {
    name: 'url-query-password',
    // A "#" is the password's ("…&password=S3cr3t!Pa$$w0rd#2024&useSSL=true": a JDBC URL is no browser's, and a
    // fragment taken along only masks more). A closing bracket, comma, period, colon or semicolon after the value is the sentence's or the markdown's
    // ("…&password=Hunter22x)", "…, then"); "!" and "?" stay, passwords end in them.
    // A value that opens a bracket keeps its closing one ("p@ss(1)").
    pattern: /[?&](?:password|passwd|pwd)=((?![#$%{<(])(?:[^&\s'"]*\([^()&\s'"]*\)|[^&\s'"]{2,}[^&\s'"),.;:\]]))(?=[),.;:\]]*(?:[&\s'"]|$))/dgi,
    requires: /[?&](?:password|passwd|pwd)=/i,
    valid: (value) => !isPlaceholder(value),
  },
  // The value is group 1: a lookbehind such as (?<=Bearer\s+) is re-run backwards from every position, quadratic in whitespace.
  // YouTrack's permanent tokens start "perm:".
  // Not a JWT's header alone ("eyJhbGciOi…" with no payload and no signature after a dot).
  {
    name: 'bearer-token',
    pattern: /\b(?:Bearer|SSWS|Token)[^\S\n]+((?:perm:)?[A-Za-z0-9._~+/-]{20,}=*)/dg,
    valid: (value) => !isDummy(value) && !/^(.)\1+$/.test(value) && !jwtHeaderAlone(value),
  },
  // Other schemes of an Authorization header, whatever their name: Opsgenie's "GenieKey", Splunk's HEC, MessageBird's
  // "AccessKey", Infobip's "App", "ApiKey".
  {
    name: 'authorization-scheme',
    // Not the schemes other rules judge (Basic's credentials are decoded there).
    // Nor handshakes (Kerberos), public ids (Unsplash's and Imgur's "Client-ID"), one request's signature (HMAC,
    // Signature) or a log's redaction.
    pattern: /\b(?!(?:Basic|Bearer|Token|Digest|Negotiate|NTLM|Kerberos|Client-ID|HMAC|HMAC-SHA256|Signature|Redacted)[^\S\n])[A-Z][A-Za-z0-9-]{1,30}[^\S\n]+((?:\d{1,10}\$)?[A-Za-z0-9._~+/-]{20,}=*)/dg,
    requires: /authorization/i,
    context: /authorization\s*["']?\s*[:=,]\s*["']?\s*$/i,
    // Not the documentation's "YOUR_FIREBASE_SERVER_KEY_HERE" or "your-hec-token-goes-here".
    valid: (value) => looksRandom(value) || (UUID.test(value) && looksRandom(value.replace(/-/g, ''))),
  },
  // A random literal handed to an SDK's client or its setup, the way SDKs take their key: "cohere.Client('lqsu…')",
  // "mandrill.Mandrill('md-…')", "rollbar.init('0118…')", "sgMail.setApiKey('…')", "NewStaticCredentials('…', …)",
  // "new AzureKeyCredential('…')". (Not any "…Api" or "…Handler": those take ids, hashes and data as often.)
  {
    name: 'sdk-client-key',
    // An analytics SDK's project token is made for browsers ("mixpanel.init('…')", "amplitude.init('…')").
    pattern: /\b(?:[A-Za-z_$][\w$]*\.)?(?<!(?:[Mm]ixpanel|[Aa]mplitude|[Pp]osthog|[Hh]eap|[Hh]otjar|LogRocket|[Aa]nalytics)\.)(?:[A-Z][A-Za-z]*(?:Client(?:V\d)?|Credentials?)|Client(?:V\d)?|Mandrill|Fernet|init|configure|setApiKey|set_api_key|setAccessToken|SetToken|setToken|set_token|WithToken|authenticate|FromSubscription)\(\s*(?:api_?[Kk]ey\s*=\s*)?b?['"]([^'"\s]{20,200})['"]/dg,
    // Looked for back from each bracket: prose holds far fewer brackets than words.
    requires: /\((?<=(?:Client(?:V\d)?|Credentials?|Mandrill|Fernet|init|configure|setApiKey|set_api_key|setAccessToken|SetToken|setToken|set_token|WithToken|authenticate|FromSubscription)\()/,
    // Not a list, a path or a digest ("init('en-US,de-DE')", "init('k8s4vx/production-web')", a SHA-256).
    // Nor a public project key ("phc_…", PostHog's) or a client token made for browsers.
    valid: (value) => looksRandom(value) && !/[,/:]/.test(value) && !/^[0-9a-f]{64}$/i.test(value) && !/^phc_/.test(value) && !PUBLIC_VALUE.test(value),
  },
  // An Azure shared access signature's "sig" in a URL's query, beside its "sv" version.
  // Logic Apps' trigger URLs sign with "sv=1.0" and a URL-safe "sig".
  { name: 'azure-sas-signature', pattern: /[?&]sig=([A-Za-z0-9%+/_-]{30,}(?:%3D|=){0,2})/dg, requires: /[?&]sv=(?:\d{4}-\d\d-\d\d|1\.0)/ },
  // Not a shell's variables ("-u \"$USER:$TOKEN\"").
  { name: 'basic-auth-option', pattern: /\s-u[^\S\n]+[^\s:]{3,}:(?!\/\/)([^\s'"]{8,})/dg, requires: '-u', valid: (value) => !isDummy(value) },
  // Quoted, whole or after the user: "--user 'id:secret'", "-u deploy:'…'", WordPress's application passwords in groups of four.
  {
    name: 'basic-auth-option-quoted',
    pattern: /\s(?:-u|--user)[ =]+(?:'[^\s:'"]{3,}:([^'\n]{8,200})'|"[^\s:'"]{3,}:([^"\n]{8,200})"|[^\s:'"]{3,}:'([^'\n]{8,200})'|[^\s:'"]{3,}:"([^"\n]{8,200})")/dg,
    requires: /-u|--user/,
    valid: (value) => !isDummy(value) && /\S{4}/.test(value) && looksRandom(value.replace(/ /g, '')),
  },
  // A password echoed into a login that reads it from its input ("echo '…' | docker login … --password-stdin").
  { name: 'password-stdin', pattern: /\becho[^\S\n]+(?:'([^'\s]{6,200})'|"([^"\s$]{6,200})"|([^\s'"$|]{6,200}))[^\S\n]*\|[^\n]*--password-stdin/dg, requires: '--password-stdin', valid: (value) => !isDummy(value) },
  // An API key as the user with no password, as Stripe's and Lob's APIs take it ("curl … -u live_4454…:").
  // On an HTTP client's line ("journalctl -u unit:" is none), and not an account's id (Twilio's "AC…" SID).
  {
    name: 'basic-auth-user-key',
    pattern: /\s(?:-u|--user)[^\S\n]+['"]?([A-Za-z0-9_-]{20,200}):(?=['"]?(?:\s|$))/dg,
    requires: /-u|--user/,
    context: /\b(?:curl|http|https|wget|httpie)\b(?:[^\n]*\\\r?\n)*[^\n]*$/,
    valid: (value) => looksRandom(value) && !/^AC[0-9a-f]{32}$/.test(value) && !/[A-Za-z]+-[A-Za-z]+-/.test(value),
  },
  // "mysql -u root -pS3cret", "mysql -u root -p'S3cr3t!x'", "docker login --password=abc…": a password given on a command line.
  {
    name: 'command-line-password',
    pattern: new RegExp(String.raw`(?:${USER_THEN_P}=?|${CAPITAL_USER_THEN_P}|\s--password=)(?:(${COMMAND_LINE_VALUE})|['"]([^'"\s]{6,})['"])`, 'dg'),
    requires: /\s-p|--password=/,
    valid: commandLinePassword,
  },
  // "psexec -u admin -p Winter2024!", "docker login -u ci --password abc…": after a blank, except for MySQL's
  // tools, whose "-p" or "--password" and a blank ask for the password, the next word being a database.
  {
    name: 'command-line-password-after-blank',
    pattern: new RegExp(String.raw`(?:${USER_THEN_P}|${CAPITAL_USER_THEN_P}|\s--password)[^\S\n]+(?:(${COMMAND_LINE_VALUE})|'([^'\s]{6,200})'|"([^"\s]{6,200})")`, 'dg'),
    requires: /\s-[pP][^\S\n]|--password[^\S\n]/,
    // MySQL's tool must be the command these options belong to: its name, then only options up to "-u"
    // ("docker exec db mysql -h db -u root -p shop", not "the mysql database, then run psexec -u …").
    unlessBefore: /(?<![\w-])(?:mysql|mariadb|mysqldump|mysqladmin|mysqlimport|mysqlshow)(?:[ \t]+--?[\w-]+(?:[= ](?:"[^"\n]*"|'[^'\n]*'|[^\s"'-]\S*))?)*[ \t]*$/,
    valid: commandLinePassword,
  },
  // Remote execution tools, whose "-p" after the user is always the password: "psexec \\host -u admin -p braksha",
  // "paexec", "winexe", "PuTTY's plink -l root -pw …" — a word without digits is a password there too.
  {
    name: 'remote-exec-password',
    pattern: new RegExp(String.raw`(?:${USER_THEN_P}|\s-pw)[^\S\n]+(?:(${COMMAND_LINE_VALUE})|'([^'\s]{6,200})'|"([^"\s]{6,200})")`, 'dg'),
    requires: /psexec|paexec|winexe|plink|pscp/i,
    context: /(?<![\w-])(?:psexec(?:64)?|paexec|winexe|plink|pscp)(?:\.exe)?\b[^\n]*$/i,
    window: 300,
    // Not a port or a mapping of ports (the command run may be docker's "-u app -p 8080:80"), nor a bracketed placeholder.
    valid: (value) => !isPlaceholder(value) && !/^[A-Z][A-Z0-9_]*$/.test(value) && !/^[\d.:]+(?:\/(?:tcp|udp))?$/.test(value) && !/^\[.*\]$|^\(.*\)$/.test(value) && !/[%$]/.test(value),
  },
  // Options that take nothing but a password: "sshpass -p …", "keytool -storepass …", "openssl … -passin pass:…",
  // "redis-server --requirepass …".
  {
    name: 'password-option',
    pattern: new RegExp(
      String.raw`(?:\bsshpass[^\S\n]+-p[^\S\n]*|\s-(?:store|key|srcstore|deststore|srckey|destkey)pass[^\S\n]+|\s-pass(?:in|out)[^\S\n]+pass:|\s--(?:requirepass|masterauth)[^\S\n]+)(?:(${COMMAND_LINE_VALUE})|'([^'\s]{6,200})'|"([^"\s]{6,200})")`,
      'dg',
    ),
    requires: /sshpass|pass[^\S\n]|pass:|masterauth/,
    valid: (value) => commandLinePassword(value) && !/\$[({A-Za-z]|\{\{/.test(value),
  },
  // A .netrc entry's password, however guessable (the anonymous login's is an email address by convention).
  {
    name: 'netrc-password',
    pattern: /\bmachine[^\S\n]+\S+\s+login[^\S\n]+(?!anonymous\b)\S+\s+password[^\S\n]+(\S{4,200})/dg,
    valid: (value) => !isPlaceholder(value),
  },
  // A .pgpass line, "host:port:database:user:password", where Postgres listens (5432, 5433, PgBouncer's 6432, or "*"
  // for any): other records of five fields ("user:1001:cart:items:count", "web:8080:frontend:nginx:latest") are not.
  // The host a name, an IPv4 address or "*"; the password without colons or blanks (an IPv6 address has more groups).
  {
    name: 'pgpass-password',
    pattern: /(?<![\w.*:-])(?:\d{1,3}(?:\.\d{1,3}){3}|(?=[\w.-]*[A-Za-z])[\w.-]+|\*):(?:5432|5433|6432|\*):[\w.*-]+:[\w.@*-]+:((?:[^\s:\\'"`]|\\.){4,200})(?=[\s'"`]|$)/dg,
    requires: /:(?:5432|5433|6432|\*):/,
    valid: (value) => !isPlaceholder(value),
  },
  // An .npmrc's registry credentials ("//registry.npmjs.org/:_authToken=…", "_auth=…", "_password=…"), not a variable
  // ("${NPM_TOKEN}", "process.env.NPM_TOKEN", "NPM_TOKEN_PLACEHOLDER") or a call.
  { name: 'npmrc-auth', pattern: /(?:^|:)_(?:authToken|auth|password)[ \t]*=[ \t]*((?![$%{<\[(])[^\s"']{12,})/dgm, requires: '_', valid: npmrcCredential },
  // OpenLDAP's tools take the bind password with "-w", within the same command (not a "grep -w" after a pipe).
  {
    name: 'ldap-bind-password',
    pattern: new RegExp(String.raw`\s-w[^\S\n]+['"]?(${COMMAND_LINE_VALUE})`, 'dg'),
    // The command's options may run over lines joined by a backslash.
    context: /\bldap(?:search|modify|add|delete|whoami|passwd|compare|modrdn|exop)\b(?:[^\n|;&]|\\\r?\n)*$/,
    window: 400,
    requires: 'ldap',
    valid: commandLinePassword,
  },
  // A literal given to a setter of a password or a key ("setPassword('…')", Authorize.Net's "setTransactionKey(\"…\")").
  {
    name: 'secret-setter',
    pattern: /\b(?:set|with)[A-Za-z]*?(?:Password|Passwd|Secret|TransactionKey|ApiKey|AccessKey|AuthToken|AccessToken)\(\s*['"]([^'"\s]{6,200})['"]\s*\)/dg,
    requires: /(?:Password|Passwd|Secret|Key|Token)\(/,
    valid: (value) => !isDummy(value) && !SEQUENTIAL.test(value),
  },
  // A user's name and a password literal handed to a login: "client.login('bot.dev', 'waqm-0zum-s0h5-vnk2')",
  // "ClusterOptions.clusterOptions(\"svc\", \"…\")", "new NetworkCredential(\"svc\", \"…\")", and after an LDAP path
  // "new DirectoryEntry(\"LDAP://…\", \"admin@corp\", \"…\")".
  {
    name: 'login-password-argument',
    pattern:
      /\b(?:(?:login|logIn|log_in|signIn|sign_in|simple_bind_s|clusterOptions|PasswordAuthenticator|NetworkCredential|UsernamePasswordCredentials|PasswordCredential|HTTPBasicAuth|BasicAuth)\(|DirectoryEntry\(\s*['"][^'"\n]*['"]\s*,)\s*['"][^'"\n]{1,100}['"]\s*,\s*['"]([^'"\n]{6,200})['"]/dg,
    requires: /(?:login|logIn|log_in|signIn|sign_in|bind_s|clusterOptions|Authenticator|Credentials?|BasicAuth|DirectoryEntry)\(/,
    valid: (value) => !isDummy(value) && !SEQUENTIAL.test(value) && !/^[\w.]+\(|^[$%{]/.test(value),
  },
  // An API's key handed to its client as it is built: "new OpenCageGeocode(\"35ca…\")", "new BraintreeGateway(env, \"…\", \"…\",
  // \"c96a…\")", "client.AuthenticateTier(\"plugin\", id, \"d31e…\")", Ruby's "RestClient.new(\"MA9Q…\", \"gjbk…\")". A random literal of 32
  // characters at least, after literals or names only, the last such (an account's id comes before its secret: Twilio's
  // "Client.new('AC…', '…')"); not what a hash, an id, an address or a colour is built from.
  {
    name: 'client-key-argument',
    pattern: /\b(?:new[ \t]+(?![\w.]*(?:Hash|Digest|Sha|SHA|Md5|MD5|Checksum|Public|Address|Colou?r|Commit|Uuid|UUID|Id\b|ID\b|Big|Decimal|Buffer|Error|Date|Regex|RegExp))[A-Z][\w.]*|[\w.:]*(?:Client|Gateway|Geocoder?|Authenticate\w*|configure|Configure|hmacShaKeyFor|SecretKeySpec)(?:\.new)?)\((?:\s*(?:[\w.]+|'[^'\n]*'|"[^"\n]*")\s*,)*\s*['"]([A-Za-z0-9+/_=-]{32,128})['"](?:\.getBytes\([^)\n]*\))?\s*[,)]/dg,
    // Its words, then a quoted token of 32 characters: the pattern tries every word's start, 28 µs of a real 4 KB prompt
    // that says "new", a quoted token's scan a few.
    requires: [/(?:new |Client|Gateway|Geocode|Authenticate|onfigure|hmacShaKeyFor)/, /['"][A-Za-z0-9+/_=-]{32}/],
    // Browsers' SDKs take a public key so ("new StytchUIClient(\"public-token-live-…\")", Mercado Pago's "APP_USR-<uuid>"),
    // and Algolia's search-only key (its client is left out).
    valid: (value) => /\d/.test(value) && /[A-Za-z]/.test(value) && !/public|^pk_|^APP_USR-[0-9a-f]{8}-/i.test(value) && looksRandom(value),
  },
  // A JWT's signing secret written into the call: "jwt.sign({ id }, \"biIe+tAR…\", { expiresIn: '7d' })", "jwt.verify(token, '…')".
  {
    name: 'jwt-signing-secret',
    pattern: /\bjwt\.(?:sign|verify)\((?:[^()'"\n;]|\([^()\n]*\))*?,\s*['"]([^'"\s]{16,200})['"]/dg,
    requires: 'jwt.',
    valid: (value) => !isDummy(value) && looksRandom(value),
  },
  // htpasswd's batch mode takes the password as the argument after the file and the user ("htpasswd -b -c .htpasswd admin …").
  {
    name: 'htpasswd-password',
    pattern: new RegExp(String.raw`\bhtpasswd(?:[^\S\n]+-[A-Za-z]+)*[^\S\n]+-[A-Za-z]*b[A-Za-z]*(?:[^\S\n]+-[A-Za-z]+)*[^\S\n]+\S+[^\S\n]+\S+[^\S\n]+['"]?(${COMMAND_LINE_VALUE})`, 'dg'),
    requires: 'htpasswd',
    valid: commandLinePassword,
  },
  // Mosquitto's clients take the MQTT password with "-P".
  { name: 'mqtt-password', pattern: new RegExp(String.raw`\s-P[^\S\n]+['"]?(${COMMAND_LINE_VALUE})`, 'dg'), context: /\bmosquitto_(?:pub|sub|rr)\b[^\n]*$/, requires: 'mosquitto_', valid: (value) => !isPlaceholder(value) },
  // redis-cli's "-a" or "--pass": its password.
  {
    name: 'redis-cli-password',
    pattern: new RegExp(String.raw`\s(?:-a|--pass)[^\S\n]+(?:'([^'\n]{6,200})'|"([^"\n]{6,200})"|(${COMMAND_LINE_VALUE}))`, 'dg'),
    context: /\bredis-cli\b[^\n]*$/,
    requires: 'redis-cli',
    valid: commandLinePassword,
  },
  // A Redis client's AUTH with its password alone ("jedis.auth(\"V!Wjkv…\")", "client.auth('…')").
  // A builder's or a setter's method named for the secret, given a literal: Vonage's ".apiSecret(\"BXh8…\")", ".password('…')".
  {
    name: 'secret-method-call',
    pattern: /\.(?:set)?(?:api[Ss]ecret|[Ss]ecret(?:Key)?|[Pp]assword|client[Ss]ecret|auth[Tt]oken|access[Tt]oken|secret[Aa]ccess[Kk]ey|private[Kk]ey)\(\s*['"]([^'"\s]{8,200})['"]\s*\)/dg,
    requires: /\.(?:set)?(?:api|secret|Secret|password|Password|client|auth|access|private)/,
    valid: (value) => !isDummy(value) && looksRandom(value),
  },
  { name: 'redis-auth-call', pattern: /\.auth\(\s*['"]([^'"\s]{8,200})['"]\s*\)/dg, requires: '.auth(', valid: (value) => !isDummy(value) && looksRandom(value) },
  // Oracle's thin JDBC URL carries the user and the password before the host: "jdbc:oracle:thin:ledger/h4o-…@//db:1521/X".
  { name: 'oracle-jdbc-password', pattern: /\bjdbc:oracle:thin:[^\/\s@:'"]+\/([^@\s'"]{4,200})@/dg, requires: 'jdbc:oracle', valid: (value) => !isPlaceholder(value) },
  // PHP's PDO: the DSN, the user, then the password ("new PDO('mysql:host=…', 'shop_app', 'l092FX!…')").
  {
    name: 'pdo-password',
    pattern: /\bnew[ \t]+PDO\(\s*(?:'[^'\n]*'|"[^"\n]*")\s*,\s*(?:'[^'\n]*'|"[^"\n]*")\s*,\s*['"]([^'"\n]{6,200})['"]/dg,
    requires: 'PDO(',
    valid: (value) => !isDummy(value) && !SEQUENTIAL.test(value),
  },
  // A webhook's URL whose path holds its secret, 32 characters at least: "https://deploy.acme.net/api/hooks/trigger/892e…"
  // (GitHub's "/hooks/123" and a ULID's 26 characters are ids).
  {
    name: 'webhook-path-secret',
    pattern: /\bhttps?:\/\/[^\s'"<>\/]+\/(?:[^\s'"<>?#\/]+\/)*(?:hooks?|webhooks?|trigger)\/(?:[^\s'"<>?#\/]+\/)*([A-Za-z0-9_-]{32,128})(?![A-Za-z0-9_-])/dg,
    requires: /hook|trigger/,
    valid: (value) => /\d/.test(value) && /[A-Za-z]/.test(value) && looksRandom(value),
  },
  // A key written as bytes under a key's or a secret's name: "KEY = b\"\\xd0\\x4d…\"", "byte[] Key = new byte[] { 0x8E, 0x94, … }".
  {
    name: 'byte-literal-key',
    pattern: /(?<![\w.])[\w.]{0,64}?(?:key|secret)\w{0,32}\s*=\s*(?:b["']((?:\\x[0-9a-fA-F]{2}){16,64})["']|new\s+byte\[\]\s*\{\s*((?:0x[0-9A-Fa-f]{2}\s*,\s*){15,63}0x[0-9A-Fa-f]{2})\s*,?\s*\})/dgi,
    requires: /\\x|0x/,
    valid: (value) => new Set(value.match(/[0-9A-Fa-f]{2}(?![0-9A-Fa-f])/g)).size >= 8,
  },
  // A Bitcoin private key in Wallet Import Format, its checksum verified (a base58 run of that length by chance fails it).
  { name: 'bitcoin-wif', pattern: /(?<![A-Za-z0-9])(?:[5KL9c][1-9A-HJ-NP-Za-km-z]{50,51})(?![A-Za-z0-9])/g, valid: (value) => isBitcoinWif(value) && !isDocumentedExample(value) },
  // A key written as hex and decoded as it is assigned to a key's or a secret's name: Go's "encKey, _ := hex.DecodeString(\"…\")",
  // Python's "bytes.fromhex('…')", "unhexlify('…')", Node's "Buffer.from('…', 'hex')"; 16 to 64 bytes.
  {
    name: 'hex-decoded-key',
    pattern: /(?<![\w.])(?![\w.]{0,64}pub)[\w.]{0,64}?(?:key|secret)\w{0,32}(?:\s*,\s*_)?\s*:?=\s*(?:hex\.DecodeString|bytes\.fromhex|(?:binascii\.)?unhexlify|Buffer\.from|Hex\.decodeHex|DatatypeConverter\.parseHexBinary)\(\s*["']([0-9a-fA-F]{32,128})["']/dgi,
    requires: /DecodeString|fromhex|unhexlify|Buffer\.from|decodeHex|parseHexBinary/,
    valid: (value) => value.length % 2 === 0 && looksRandom(value),
  },
  // Django's SECRET_KEY, whose alphabet holds brackets and symbols the generic assignment stops at ("(!an!s53-_y=oy%hf(b5…").
  { name: 'django-secret-key', pattern: /\bSECRET_KEY\s*=\s*(?:'([^'\s]{40,100})'|"([^"\s]{40,100})")/dg, requires: 'SECRET_KEY', valid: (value) => !isDummy(value) && looksRandom(value) },
  // MinIO's client: "mc alias set <name> <url> <access key> <secret key>".
  { name: 'minio-alias-secret', pattern: /\bmc[ \t]+alias[ \t]+set[ \t]+\S+[ \t]+\S+[ \t]+\S+[ \t]+['"]?([A-Za-z0-9+\/=_-]{20,80})/dg, requires: 'mc alias', valid: (value) => !isPlaceholder(value) && looksRandom(value) },
  // Windows' "net use Z: \\server\share <password> /user:DOMAIN\name" (or the password after the user).
  {
    name: 'net-use-password',
    pattern: new RegExp(String.raw`(?:[^\S\n]\\\\[^\s\\]+\\\S+|/user:\S+)[^\S\n]+(${NET_USE_VALUE})`, 'dgi'),
    context: /\bnet[^\S\n]+use\b[^\n]*$/i,
    requires: /net[^\S\n]+use/i,
    valid: commandLinePassword,
  },
  // NetNTLMv1/v2 responses as captured ("user::domain:challenge:response:blob") and SAM dump lines ("user:rid:LM:NT:::").
  {
    name: 'ntlm-hash',
    // The user name starts at a token's start, so a long run of other characters is scanned once, not from each of them.
    pattern: /(?<![^\s"'=,;(])[^\s:"']{1,64}(?:::[^\s:]{0,64}:(?:[0-9a-f]{16}:[0-9a-f]{32}:[0-9a-f]{32,}|[0-9a-f]{48}:[0-9a-f]{48}:[0-9a-f]{16})|:\d{1,10}:[0-9a-f]{32}:[0-9a-f]{32}:::)/gi,
    requires: /::[^\s:]{0,64}:[0-9a-f]{16}|:[0-9a-f]{32}:[0-9a-f]{32}:::/i,
  },
  { name: 'vault-unseal-key', pattern: /\bunseal(?:[^\S\n]+key[^\S\n]+\d+:)?\s+([A-Za-z0-9+/]{40,}={0,2})/dgi, requires: /unseal/i },
  // After "=" too: an assignment's ("TWITTER_BEARER_TOKEN=AAAA…"); base64 has "=" only at its end. Not the base64 of
  // small integers, whose zero bytes come back as runs of "A" ("…AAAAEAAAABAAAAAg…").
  {
    name: 'twitter-bearer-token',
    pattern: /(?<![A-Za-z0-9+/%])A{21,22}[B-Za-z0-9%][A-Za-z0-9%]{70,100}(?![A-Za-z0-9+/=%])/g,
    requires: 'AAAAAAAAAAAAAAAAAAAAA',
    valid: (value) => (value.slice(22).match(/AAA/g)?.length ?? 0) < 3,
  },
  { name: 'launchdarkly-key', pattern: /\b(?:sdk|api)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g },
  { name: 'dependency-track-key', pattern: /\bodt_[A-Za-z0-9]{32,}\b/g },
  { name: 'frameio-token', pattern: /\bfio-u-[A-Za-z0-9_=-]{64}(?![A-Za-z0-9_=-])/g },
  { name: 'circleci-personal-token', pattern: /\bCCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40}\b/g },
  // "Authorization: Basic dXNlcjpwYXNz": the base64 of "user:password", checked by decoding it.
  // In any case: a git config's "http.extraheader=\"AUTHORIZATION: basic …\"".
  { name: 'basic-auth-header', pattern: /\b(?:Basic|basic|BASIC)[^\S\n]+([A-Za-z0-9+/]{12,}={0,2})(?![A-Za-z0-9+/=])/dg, valid: isBasicCredentials },
  // A key in place of Basic's base64 after an Authorization header (FullStory's "Basic na1.…"): a credential still.
  {
    name: 'basic-auth-key',
    pattern: /\bBasic[^\S\n]+([A-Za-z0-9]{2,12}\.[A-Za-z0-9+/._-]{20,}={0,2})(?![A-Za-z0-9+/=._-])/dg,
    requires: /authorization/i,
    valid: (value) => looksRandom(value.slice(value.indexOf('.') + 1)),
  },
  // A JSON Web Key's private members: an EC or OKP key's "d", an RSA key's primes and exponents, a symmetric key's "k".
  // Only a member of the object that holds "kty" (no brace between them), random, not RFC 7517's example.
  {
    name: 'jwk-private-key',
    pattern: /"(?:d|p|q|dp|dq|qi|k)"\s*:\s*"([A-Za-z0-9_-]{20,})"/dg,
    requires: '"kty"',
    context: /"kty"\s*:[^{}]*$/,
    window: 4000,
    valid: (value) => looksRandom(value) && value !== 'GawgguFyGrWKav7AX4VKUg',
  },
  // PowerShell's plain text made a SecureString: the literal is the password.
  // Also piped in ("'…' | ConvertTo-SecureString -AsPlainText"). A double-quoted string with "$" in it is a variable's.
  {
    name: 'powershell-plaintext-password',
    pattern: /ConvertTo-SecureString[^\S\n]+(?:-String[^\S\n]+)?(?:"([^"\n]{4,200})"|'([^'\n]{4,200})')[^\S\n]+-AsPlainText|(?:"([^"\n]{4,200})"|'([^'\n]{4,200})')[^\S\n]*\|[^\S\n]*ConvertTo-SecureString[^\n]*-AsPlainText/dgi,
    requires: /ConvertTo-SecureString/i,
    valid: (value) => !value.includes('$') && !isDummy(value),
  },
  // A wallet's recovery phrase: 12 to 24 lower-case words in quotes, near what names one.
  {
    name: 'mnemonic-phrase',
    pattern: new RegExp(['"', "'", '`'].map((q) => String.raw`${q}((?:[a-z]{3,8} ){11,23}[a-z]{3,8})${q}`).join('|'), 'dg'),
    requires: /mnemonic|seed|phrase|recovery|wallet/i,
    context: /mnemonic|seed|phrase|recovery|wallet/i,
    // Its last word's bits are a checksum of the others (BIP 39): prose and word lists fail it. Not a published test phrase.
    valid: (value) => validateMnemonic(value, english) && !PUBLISHED_MNEMONICS.includes(value),
  },
  // A keypair file's 64 bytes (Solana's CLI writes its secret key so), named so on its line or the one before, not a
  // signature's or a digest's, and random (not zeros or 0 to 63).
  {
    name: 'keypair-bytes',
    pattern: /\[(?:\s*\d{1,3}\s*,){63}\s*\d{1,3}\s*,?\s*\]/g,
    requires: /solana|keypair|secret_?key|private_?key/i,
    // The name is the array's own: its variable or key ("secretKey = [", "fromSecretKey(Uint8Array.from(["), or the
    // keypair file just printed ("cat ~/.config/solana/id.json").
    context:
      /(?:(?:solana|keypair|secret_?key|private_?key)[\w.-]*["']?[ \t]*(?:[:=]|\()[ \t]*(?:(?:new[ \t]+)?Uint8Array(?:\.from)?\(|Buffer\.from\(|bytes\()?|(?:solana|keypair|id)[\w./~-]*\.json[^\n]*\r?\n)[ \t]*$/i,
    valid: (value) => {
      const bytes = value.match(/\d+/g)!.map(Number);
      return bytes.every((n) => n <= 255) && new Set(bytes).size >= 32 && !bytes.every((n, i) => n === i);
    },
  },
  // Python's bytes with escapes given to a secret key's name ("app.secret_key = b'&7\\x83…'", what os.urandom printed),
  // with bytes of many values: not a constant's (an OID's, a start code's) nor a test key of zeros.
  {
    name: 'bytes-literal-key',
    pattern: new RegExp(['"', "'"].map((q) => String.raw`=[^\S\n]*[rR]?[bB][rR]?${q}((?:\\.|[^${q}\\\n]){8,200})${q}`).join('|'), 'dg'),
    requires: '\\x',
    context: /(?:(?:secret|signing|private|hmac|session|encryption)[_-]?key|secret)['"\]]*[^\S\n]*$/i,
    valid: (value) => new Set(value.match(/\\x[0-9a-fA-F]{2}/g) ?? []).size >= 6,
  },
  // Short names of an access key's pair in an ini or a YAML file ("ak = …", "sk: …"), as Huawei's and others' tools write them.
  // Both halves, the id's line first ("SK: 01HF…" alone is a sort key, "sk = 9d61…" a test vector).
  {
    name: 'access-key-pair',
    pattern: /^[ \t]*(?:export[ \t]+)?(?:ak|sk|AK|SK)[ \t]*[=:][ \t]*["']?([A-Za-z0-9/+]{16,80}={0,2})["']?[ \t]*(?:#[^\n]*)?$/dgm,
    requires: /^[ \t]*(?:export[ \t]+)?ak[ \t]*[=:][^\n]*\n(?:[^\n]*\n)?[ \t]*(?:export[ \t]+)?sk[ \t]*[=:]/im,
    valid: looksRandom,
  },
  { name: 'password-hash', pattern: /\$(?:2[abxy]|5|6|7|8|9|y|krb5asrep|krb5tgs)\$[^\s'"]{20,}|\$(?:apr)?1\$[./A-Za-z0-9]{1,8}\$[./A-Za-z0-9]{22}(?![./A-Za-z0-9])/g, requires: '$' },
];

/**
 * Letters and digits, not a placeholder, a port mapping or an address: "cp -u old -p new-files" gives flags and
 * file names, docker's "-p 127.0.0.1:8080:80/udp" ports, and curl's "-p http://…" a proxy tunnel.
 */
function commandLinePassword(value: string): boolean {
  return (
    /\d/.test(value) &&
    /[A-Za-z]/.test(value) &&
    !isPlaceholder(value) &&
    !value.includes('://') &&
    !/^(?:\d{1,3}(?:\.\d{1,3}){3}:)?\d+(?::\d+){0,2}(?:\/(?:tcp|udp|sctp))?$/i.test(value)
  );
}

/** An .npmrc credential, not a placeholder, a variable's or a constant's name, a property, a call or zeros. */
function npmrcCredential(value: string): boolean {
  return !isPlaceholder(value) && !/^[A-Z][A-Z0-9_]*$/.test(value) && !/^[\d-]+$/.test(value) && !/[()[\]]/.test(value) && !/^[a-z]+\.[\w.]+$/i.test(value);
}

/** A JWT's header alone: base64url of one JSON object, nothing after it ("eyJhbGciOiJIUzI1NiJ9"; not Miro's "eyJ…fQ_wkvQ…"). */
function jwtHeaderAlone(value: string): boolean {
  return /^eyJ[A-Za-z0-9_-]+$/.test(value) && Buffer.from(value, 'base64url').toString('latin1').trimEnd().endsWith('}');
}

/** Base64 that decodes to printable "user:password" with both parts present. */
function isBasicCredentials(encoded: string): boolean {
  const decoded = Buffer.from(encoded, 'base64').toString('latin1');
  // An empty user before a long random password is a token's convention (Azure DevOps' PATs: ":<pat>").
  if (/^:[\x21-\x7e]{20,200}$/.test(decoded)) return looksRandom(decoded.slice(1));
  return /^[\x21-\x7e]{1,100}:[\x20-\x7e]{3,200}$/.test(decoded) && !/^[^:]*:\s*$/.test(decoded);
}
