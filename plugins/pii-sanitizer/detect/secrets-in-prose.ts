import { wordAlternation } from './alternation';
import { matches } from './context';
import type { MayMatch } from './required-literals';
import { FILE_PATH, insideArn, isOneCharacter, isPlaceholder, isWords, looksRandom } from './secret-values';

/**
 * Secrets told in a sentence rather than assigned in code: "my password is Tr0ub4dor&3", "the API
 * key is 8f52…", "mein Passwort ist …", "my PIN is 4821", or a line announcing one with the value
 * alone on the next line ("use the following password to proceed:\n\nbd96…"). What follows must
 * look like a secret of that kind (a password holds letters with digits or symbols, or is quoted; a
 * key or token looks random; a PIN is digits), so "the password is incorrect", "the token is valid
 * for 24h" and "the password is 12-characters long" are not findings.
 */
/** "Password" in the scripts that \b cannot bound (Cyrillic, Chinese, Japanese, Korean, Greek): a lookahead opens them. */
const PASSWORD_OTHER_SCRIPTS = 'пароль|密码|密碼|口令|パスワード|비밀번호|κωδικός';
/** Also "pw", a Wi-Fi network's key (a password people choose) and "my pass", "the wifi pass" (not a boarding pass). */
const PASSWORD =
  'passw(?:or)?[dt]|passphrase|passcode|kennwort|mot de passe|contrase(?:ñ|n)a|senha|wachtwoord|lösenord|passord|salasana|hasło|heslo|jelszó|parola|şifre|lozinka|' +
  PASSWORD_OTHER_SCRIPTS +
  '|pwd|pw|(?:wpa2?|wi-?fi|wlan|network)[ _-]?key|(?:(?:my|the|your|wi-?fi|wlan|router|admin|root|db)[ \\t_-]?)pass(?![a-z])';
const PIN = 'pin(?:[ -]code| number)?';
const KEY = '(?:api|access|secret|private|license|licence)[ _-]?key|(?:(?:access|auth|api|bearer|refresh|session)[ _-]?)?token|client[ _-]?secret|secret';
/** What the secret is for, in a few words ("for the shared mailbox", "voor de gedeelde mailbox …"), or how it is meant ("temporal"). */
const FOR_WHAT =
  '(?:[ \\t]+(?:temporary|temporal|temporaire|provisoire|provisória|provisional|provvisoria|temporanea|tijdelijk|tymczasowe|vorläufiges|temporäres|initial|new|nuevo|nueva|nouveau|neues|nuovo|nova))?(?:[ \\t]+(?:for|to|of|on|für|zu|de|del|des|du|para|pour|voor|van|per|dla|för|til|do|da|dos|das|della|от|для|к)[ \\t]+[^\\s:,;!?]{0,29}[^\\s:,.;!?](?:[ \\t]+[^\\s:,;!?]{0,39}[^\\s:,.;!?]){0,6}?)?';
/** A verb is followed by a space or a quote ("password island" is no disclosure); a colon by anything. */
const VERB = '(?:(?:is(?: now| still| set to)?|was(?: set to)?|will be|would be|ist|lautet|war|est|es|é|è|är|er|jest|wynosi|это)(?=[ \\t"\'`“‘«「『])|[:：]|是|为|為|は(?=[「『])|는|은)';
const QUOTED = `(["'\`“‘«「『])([^\\n"'\`”’»」』]{4,100})["'\`”’»」』]`;
const TOLD = new RegExp(`(?:\\b|(?=${PASSWORD_OTHER_SCRIPTS}))(${PASSWORD}|${PIN}|${KEY})${FOR_WHAT}[ \\t]*${VERB}[ \\t]*(?:${QUOTED}|([^\\s"'\`<>「」『』，。、]{4,200}))`, 'gi');
/** Chat's code span right after the word, without a verb: "creds are user `report_ro` password `e-7!wy9oN.f-jl8Q`". */
const IN_BACKTICKS = new RegExp(`\\b(${PASSWORD}|${KEY})[ \\t]+\`([^\`\\s]{6,100})\``, 'gi');
/** A user and a password given as two code spans: "new creds are user `report_ro` / `xhhU9IXgdX+M-!m+0ZTK`". */
const CREDENTIAL_SPANS = /\b(?:creds|credentials|login|user(?:name)?)\b[^\n`]{0,30}`[^`\s]{2,64}`[ \t]*[\/:][ \t]*`([^`\s]{6,100})`/gi;
/** A code span holding a name in code, not a value ("the password `field_name`", "user `x` / `admin`"). */
const CODE_NAME = /^[A-Za-z_.-]+$/;
/**
 * A user and a password told as a pair without code spans: "login: admin / P@ssw0rd!", "creds are jsmith/Winter2023!",
 * "creds: jsmith:Fluffy2019!" (the password judged as one told in prose; not a URL's scheme and path).
 */
const CREDENTIAL_PAIR =
  /\b(?:creds|credentials|login|user(?:name)?[ \t]*(?:and|&|\/)[ \t]*pass(?:word)?)\b(?:[ \t]+(?:are|is|were|was)[ \t]+|[ \t]*[:=][ \t]*)([A-Za-z][\w.@+-]{1,63})[ \t]*[/:][ \t]*(?![/\\:])([^\s`'"]{6,100})/gi;
/**
 * A pair's second half is a password, not a path's or a version's part ("login: ubuntu/jammy64", "kubectl/v1.28.0"):
 * a symbol other than a dot, a dash or an underscore, or capitals, small letters and digits at once in eight or more.
 */
const STRONG_PASSWORD = /[^\w.\-]|^(?=.*[A-Z])(?=.*[a-z])(?=.*\d).{8,}$/;
const ANNOUNCED = new RegExp(`\\b(?:${PASSWORD}|${KEY})\\b[^\\n:]{0,80}:[ \\t]*\\r?\\n(?:[ \\t]*\\r?\\n)?[ \\t]*([^\\s]{8,200})[ \\t]*(?=\\r?\\n|$)`, 'gi');
/**
 * A value alone on the text's last line, after a line that asks for one ("Please type your account password.\n
 * Summer2024!"): a user's bare reply, read after the question the assistant asked (the sanitizer gives it that context).
 * A line of code or configuration (an assignment, a call, a comment) asks for nothing.
 */
const ASKED = new RegExp(`\\b(${PASSWORD}|${PIN}|${KEY})\\b(?![ \\t]+(?:managers?|polic(?:y|ies)|length|hints?|reset|strength|requirements|rules|fields?|expiry|generator)\\b)[^\\n=(){}<>$#[\\]]{0,80}\\r?\\n[ \\t]*([^\\s=(){}]{4,200})[ \\t]*$`, 'i');
/** Every name above contains one of these: a text without any skips both patterns. */
const NAME_WORDS = new RegExp(
  wordAlternation(['pass', 'pwd', 'pw', 'kennw', 'mot de', 'contrase', 'senha', 'wachtwoord', 'lösen', 'salasana', 'hasło', 'heslo', 'jelsz', 'parola', 'şifre', 'lozinka', ...PASSWORD_OTHER_SCRIPTS.split('|'), 'pin', 'key', 'token', 'secret']),
  'i',
);

/**
 * A variable, a call, an index, an expression, minified code, a URL, a template, a YAML tag or a size: "is process.env.X",
 * "is getPassword()", "token: word[0]", "token: c.token+c.next.token", "{token:t,pos:o.index}", "password:!0",
 * "password: redis://…", "is {{pwd}}", "password: !vault |", "is 12-characters".
 */
const NOT_A_VALUE = /^(?:[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,}$|[\w$.]+\(|[$%{[<]|!(?:vault|ref|sub|getatt|join|select|split|base64|cidr|importvalue|findinmap|getazs|if|equals|and|or|not|condition|env|include|secret|encrypted|unsafe|binary|str|int)$|[A-Za-z_]\w*\.[A-Za-z_][\w.]*$|[A-Za-z_$][\w$.]*\[|[A-Za-z_$][\w$]*\.[\w$.]*[-+*/?|&]|[A-Za-z_$][\w$]*,[\w$]+:|![01](?:\W|$)|[a-z][a-z0-9+.-]*:\/\/|\d+[ -]?(?:char|digit|letter|symbol|byte|bit|word))/i;
/** `"Password:",rememberMeLabel:"`: between two quotes is code, not a value; "Enter passphrase for ..." is a prompt. */
const CODE_BETWEEN_QUOTES = /^[\s,;:=)\]}]|[:=({]$|\.\.\.$|…$/;
/** "token: 'Bearer xxxx'": the scheme is not the credential. */
const AUTH_SCHEME = /^(?:Bearer|Basic|Token)\s+/i;
const IS_PASSWORD_WORD = new RegExp(`^(?:${PASSWORD})$`, 'i');
const OTHER_SCRIPT_WORD = new RegExp(`^(?:${PASSWORD_OTHER_SCRIPTS})$`);

export function passwordLike(value: string): boolean {
  if (value.length < 6 || isPlaceholder(value) || NOT_A_VALUE.test(value)) return false;
  const letters = /\p{L}/u.test(value);
  const digits = /\d/.test(value);
  const symbols = /[^\p{L}\d]/u.test(value);
  return (letters && (digits || symbols)) || (digits && !letters && value.length <= 16);
}

/** A credential pair's words, literals alone: where the caller's gate finds none, its pattern is not tried. */
const CREDENTIAL_WORDS = /cred|login|user/i;

/** [start, value] of each secret told in the text. */
export function secretsInProse(text: string, may: MayMatch): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  for (const m of text.includes('`') ? matches(text, CREDENTIAL_SPANS) : []) {
    const value = m[1]!;
    if (passwordLike(value) && !CODE_NAME.test(value) && !/^[a-z]+\/[a-z.+-]+$/.test(value)) out.push([m.index + m[0].lastIndexOf(value), value]);
  }
  for (const m of may(CREDENTIAL_WORDS) ? matches(text, CREDENTIAL_PAIR) : []) {
    const value = m[2]!.replace(/[.,;:?)\]]+$/, '');
    // A further "/" makes it a path ("login: api/v1/users2"), a bracket a call, a ":" an address ("login: d95c:6a4f:…").
    if (passwordLike(value) && STRONG_PASSWORD.test(value) && !/[/():]/.test(value)) out.push([m.index + m[0].lastIndexOf(m[2]!), value]);
  }
  if (!may(NAME_WORDS)) return out;
  for (const m of matches(text, TOLD)) {
    const [, name, , quoted, bare] = m;
    const kind = IS_PASSWORD_WORD.test(name!) ? 'password' : /^pin/i.test(name!) ? 'pin' : 'key';
    // Sentence punctuation ends the value; a password may end in "!".
    const value = quoted ?? bare!.replace(kind === 'password' ? /[.,;:?)\]}]+$/ : /[.,;:?!)\]}]+$/, '');
    // After a word of another script the value is what follows in Latin letters and ASCII signs ("密码是否正确？" asks
    // whether it is right; "パスワードは「8文字以上」" says how long).
    if (OTHER_SCRIPT_WORD.test(name!) && !/^[!-~]+$/.test(value)) continue;
    // A Wi-Fi network's security mode is no key ("Network key: WPA2-Personal").
    if (/^(?:WPA|WEP)/i.test(value) && /key/i.test(name!)) continue;
    const ok =
      quoted !== undefined
        ? !isPlaceholder(value.replace(AUTH_SCHEME, '')) && !NOT_A_VALUE.test(value) && !FILE_PATH.test(value) && !isOneCharacter(value) && !CODE_BETWEEN_QUOTES.test(value) && !(kind === 'key' && isWords(value))
        : kind === 'password'
          ? passwordLike(value)
          : kind === 'pin'
            ? /^\d{4,8}$/.test(value)
            : looksRandom(value) && !NOT_A_VALUE.test(value);
    if (ok && !insideArn(text, m.index)) out.push([m.index + m[0].lastIndexOf(value), value]);
  }
  for (const m of matches(text, IN_BACKTICKS)) {
    const value = m[2]!;
    if (CODE_NAME.test(value)) continue;
    if (IS_PASSWORD_WORD.test(m[1]!) ? passwordLike(value) : looksRandom(value) && !NOT_A_VALUE.test(value)) out.push([m.index + m[0].lastIndexOf(value), value]);
  }
  const asked = ASKED.exec(text);
  if (asked) {
    const [, name, value] = asked;
    const kind = IS_PASSWORD_WORD.test(name!) ? 'password' : /^pin/i.test(name!) ? 'pin' : 'key';
    const ok = kind === 'password' ? passwordLike(value!) : kind === 'pin' ? /^\d{4,8}$/.test(value!) : looksRandom(value!) && !NOT_A_VALUE.test(value!);
    if (ok && !out.some(([at]) => at === asked.index + asked[0].lastIndexOf(value!))) out.push([asked.index + asked[0].lastIndexOf(value!), value!]);
  }
  for (const m of matches(text, ANNOUNCED)) {
    const value = m[1]!;
    if (looksRandom(value) && !NOT_A_VALUE.test(value)) out.push([m.index + m[0].lastIndexOf(value), value]);
  }
  return out;
}
