import { performance } from 'node:perf_hooks';
import { round } from './stats';

/**
 * 200 KB prompts built to make regular expressions backtrack or findings pile up (blank lines, a
 * marker repeated, one word over and over). The guard and the sanitizer share the plugin server's
 * event loop, so a prompt that takes seconds stalls every request: every rule must stay linear.
 */
export const ADVERSARIAL_UNITS = [
  '\n', '\n\n ', '  ', 'a ', 'stop! ', 'ignore ', 'human: a\n', '## system\n', '<|im_start|>', 'You are ', 'Mr. ', '1gn0r3 ', 'SGVsbG8g',
  '::1 ', '4111 ', 'key=ab12CD34ef ', '12 rue ', 'Anna Berg, ',
  // Long digit runs and hex words: patterns that split a run into groups in every possible way.
  ` ${'1'.repeat(40)}`, `(${'1'.repeat(40)} `, 'ab12cdef0123456789abcdef0123456789abcdef ',
  // Markup and records that name a secret, never closed or never given a value.
  '<password>', `<password ${'x '.repeat(20)}`, 'key="password" ', 'name: DB_PASSWORD\n', ' -storepass', 'user::',
  // A value of capitals in pairs that fails at its end: a pattern splitting runs of capitals in every way took seconds.
  `api_key=${'AB'.repeat(30)}! `, `token=${'A-'.repeat(30)}# `,
  // Capitalised words joined by hyphens, periods or apostrophes: a street pattern tried from each of them once took 14 s to 146 s.
  'Ab-', 'Ab.', 'Ab’',
  // A Romance street's type and capitalised words never followed by its number.
  'Calle Ab, ',
  // International numbers, each parsed by the phone library (about 13 µs each).
  '+1234567 ',
  // Lower-case name lines, each opening a block above a card's line.
  'anna m. berg\n\n0393 1144137\n\n',
  // Names before their mailboxes, one-word lines under sign-offs, roles before names.
  'Anna Berg (a@b.c) ', 'Best,\nCsonka\n', 'my manager is Góra, ', 'Ab Cd, 12, of ', 'Ab (12) a ', 'Ab, the teacher, ', "Ab's Cd Ef ",
  'Ab (born ', 'Ab (she/her) ', 'Ab v. Cd ', 'Ab who is ', '"Ab, your ', 'Senator Ab ', 'call Ab about ', 'Ship to:\nAb\n',
  '"customer": "Ab", ', '<recipient>Ab</recipient>', 'Ab | Cd\n', 'the collector Ab ', 'Ab (2019) ', 'Tell Ab I ', 'Agent (Ab): ', 'Ab (mother) ', 'Add Ab to my ', '"A," said Ab ', 'Sorry, Ab, ',
  // Secrets by their place: a keypair's bytes, a quoted phrase, quoted pairs, tokens as a URL's user, a scheme's word.
  'solana [1,', '"seed abc ', "'KEY', '", 'https://abcdefghijklmnopqrstu@', 'Authorization: App ',
  // Cues of the fifteenth session: a question's verb, an age apposed, a payee's label line, setters, logins, Basic's keys.
  'Is Ab ', 'Ab, a 44-year-old ', 'Beneficiary:\nAb\n', "setPassword('", 'login("a", "', 'Basic ab.', "Ab's kids ", 'X-Api-Key: ',
  // Cues of the sixteenth session: a Dutch particle, a parcel's label and its address, "who" and a verb, names in lower
  // case, the late, a home owned, what people are, a listed name after "to", an apposed office, a sentence's word first.
  'van der Ab ', 'Return address: Ab, 12 Cd ', 'Ab who was ', 'anna berg ', 'the late Ab ', "Ab's place ", 'Ab was friendly ', 'to Ab, ',
  'Ab, executor, ', 'If Anna Berg ', 'Ab swapped me ',
  // Cues of the seventeenth session: a party as a title, a label after a dash, a pronoun after a word, "is this", a quote's
  // author after a dash, "Oh" calling out, a greeting caller.
  'Patient Ab, ', ' - passenger: Ab ', 'Ab and he ', 'Ab ab ab ab ab ab ab ', 'hey is this Ab? ', '" - Ab\n', 'Oh Ab, ', 'Hi there, this is Ab from Cd ', "My name's Ab ",
  // Cues of the eighteenth session: names in lower case after a title, a header, kin or a role's bracket; a contact
  // list's line; a firm's partners before its word; a password in a chat's code span; a key handed to a client.
  'Frau ab cd ', 'From: ab cd <', 'my sister, ab cd ', 'the driver (ab cd ', 'Ab - 0474381400\n', 'Ab, Cd y Ef Asociados ', 'password `ab1!', 'new Ab("ab12cd34ef56ab12cd34ef56ab12cd34", ', 'Client.new(a, ', 'jwt.sign({a: 1}, ', 'a,password\nb,c1!d2e3\n', '| user | password |\n', 'jedis.auth("', 'https://a.b/hooks/', 'key = new byte[] { 0x8E, ', 'creds `a` / `', "SECRET_KEY = '(",
  // Tabs, a table's separator and its padding alike: a header's pattern tried from each tab read the rest of the run (45 s).
  '\t', '|\t', 'Name\t',
  // Cues of the twenty-sixth session: a long word before an IPv6's colons (a label's lookbehind), a reply's attribution,
  // a person addressed, a phone's word earlier on the line, a form's next label after blanks.
  `${'gx'.repeat(500)}:ab:cd:`, 'Ab wrote:\n', 'Ab, could you ', 'phone ab ab ab 1234567 ', 'Name: Ab   Cd: ',
  // Cues of the thirtieth session: an ARN's closing brackets (cut one by one, each counting the value again: 100 s), a
  // national id repeated (each copy looked for again from the text's start: 26 s), a licence's label and value, tables.
  ')', 'arn:aws:s3:::b)', 'BSN 111222333 ok\n', 'user AB123456C in\n', 'my license ABC12-', 'name,bsn\na,111222333\n', 'a.s3.amazonaws.com/', 'subscription ',
  // Cues of the thirty-seventh session: slashed international numbers, a parcel's groups, cents, SSH remotes, honorifics
  // after an article, words that make a person.
  '+36 1/', '9400 1118 ', '0412 45.60 ', 'git@a.b:', 'la señora ', 'Pani ', 'As Ab ', 'appointed Ab as ', 'Kontoinhaber: Ab ', 'My ex, Ab, ',
];

/**
 * And a trigger followed by 200 KB of blanks and one more character: a pattern with two runs of
 * blanks side by side after its trigger tries every split of them (a keyword rule once took minutes).
 */
export const ADVERSARIAL_TRIGGERS = [
  'password', 'api key', 'key: api_key', 'my password is', 'Address:', '• Jane Doe\n', '• Jane Doe\n(', '• Jane Doe\na@.', 'Ignore all previous', 'You are',
  // Cues of the person rules whose blanks came twice in a row ("Thanks" and ", who" took 30 s on 200 KB of blanks).
  'Thanks', 'Anna, who', 'I, ', 'attn.', 'Apt. 12', 'Anna is a nurse.', 'Anna and I', 'my husband (', 'lives alone at',
  // Cues of the secret rules written for the third written set.
  'Authorization: App', 'ConvertTo-SecureString', "define('AUTH_KEY',", '{"kty": "EC", "d":', 'sk =', "secret_key = b'", 'sshpass -p', 'mnemonic "',
  // Cues of the person rules of the fourteenth session (a bracket's birth or pronouns took 49 s when blanks could open them).
  'Ab (born', 'Ab (she/her', 'Ab v.', 'Ab vs.', 'Ab who is', 'Ab from HR', 'Ab, your', 'Senator', 'this is Ab', 'thanks to Ab', 'in the name of',
  'reports directly to', 'ship it to Ab,', 'Billing address:\n', 'Dr.', 'Ab just', "Ab's late", 'married to', 'mi hermana',
  '"customer": "', '<recipient>', 'the architect', 'htpasswd -b', 'Name | Role\n', 'To:', 'the plumber (',
  'new_addr="', '<street>', 'Loss location:', 'delivery to', 'flat at',
  'Is Ab', 'Ab, a', 'Beneficiary:', "setPassword('", 'login("a",', 'ldapsearch -x \\\n', 'Authorization: Basic ab.', '--setup-key',
  'Frau ab', 'From: ab', 'the driver (ab', 'Hola ab', 'Ab -', 'password `',
  // Cues of the thirty-seventh session (an honorific's article, read back over blanks, took 119 s after "Dr." and 200 KB of blanks).
  'il signor', 'Dr. la', 'As Ab', 'appointed Ab', 'Kontoinhaber:', "Hi it's", 'Ring me back:', 'Questions?', 'nobody answered', '+36 70/',
];

/** And a value's start followed by 200 KB of one character: a value checked by a pattern anchored at both ends. */
export const ADVERSARIAL_VALUES = ['?password=', '&pwd=*', ' -u root -p1', ' --password a1', 'api_key=', 'my password is ', 'AKIA', '<password>', ' value="', 'redis-cli -a ', 'u::d:'];
const VALUE_FILLERS = ['x', '*', '1'];

/** Milliseconds of the slowest of those prompts through `scan`. */
export async function slowestAdversarial(scan: (text: string) => unknown): Promise<number> {
  let worst = 0;
  const prompts = [
    ...ADVERSARIAL_UNITS.map((unit) => unit.repeat(Math.ceil(200_000 / unit.length))),
    ...ADVERSARIAL_TRIGGERS.map((trigger) => `${trigger}${' '.repeat(200_000)}!`),
    ...ADVERSARIAL_VALUES.flatMap((start) => VALUE_FILLERS.map((filler) => `${start}${filler.repeat(200_000)}!`)),
  ];
  for (const text of prompts) {
    const t = performance.now();
    await scan(text);
    worst = Math.max(worst, performance.now() - t);
  }
  return round(worst, 1);
}
