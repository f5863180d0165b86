import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import YAML from 'yaml';
import { SERVER_NODE_FLAGS } from '../kong/conf';
import { BUILT_IN_CATEGORIES, createDetector, type Category } from '../plugins/pii-sanitizer/detect';
import { RememberingDetector } from '../plugins/pii-sanitizer/remembered-findings';
import { slowestAdversarial } from './adversarial';
import { refilledSamples } from './pii-refill';
import { quantile, round } from './stats';
import type { Figures } from './report';

/**
 * Group `pii`: precision and recall per entity type on the development PII
 * sentences (a prediction counts when it overlaps a gold span of the same type;
 * exact-span figures are reported too), secret recall and near-miss false
 * positives, and latency on 4 KB prompts.
 */
const DATA = path.resolve(__dirname, '..', '..', '..', 'shared', 'data', 'pii');
const LABELS: Record<string, string> = {
  EMAIL_ADDRESS: 'email',
  PHONE_NUMBER: 'phone',
  CREDIT_CARD: 'credit_card',
  IBAN_CODE: 'iban',
  US_SSN: 'ssn',
  // Presidio's driving licences: the national identifiers it labels.
  US_DRIVER_LICENSE: 'national_id',
  IP_ADDRESS: 'ip',
  PERSON: 'person',
  STREET_ADDRESS: 'address',
};

/** Where the unread refill's seeds start. */
const UNREAD_SEEDS = 9_000_000;
const fixture = (name: string) => path.resolve(__dirname, '..', '..', 'bench', 'fixtures', name);
/**
 * 1,930 sentences written for this project outside the development set, in twenty-two sets; their misses were read. The
 * last nine were measured before: the fourth (prompts people send an assistant) at person P 0.956, R 0.722; the fifth (short
 * sentences about people, as news, reviews and chats write them) at P 0.995, R 0.656; the sixth to ninth, written apart
 * by helpers who saw no rule (requests, reviews, forms and chats; mails, minutes, tickets, tables, notices; requests to
 * banks and shops, biographies, text messages, records; news, court reports, credits, citations), at P 0.964, R 0.708;
 * P 0.966, R 0.745; P 0.965, R 0.666 (0.957 / 0.649 with this session's starting code); P 0.974, R 0.673 (0.973 / 0.652);
 * the tenth (requests to a bank or an assistant, address blocks, family and workplace lines) at P 0.972, R 0.736 (0.937 /
 * 0.715); the eleventh (people as web text, novels and subtitles mention them) at P 0.986, R 0.679 (0.974 / 0.654); the
 * twelfth (in the development set's manner: chats with a bank or a shop, reviews, headlines, forms) at P 0.974, R 0.724;
 * the thirteenth (the same manner: chats, reviews, headlines, résumés, casual lower-case messages) at P 0.978, R 0.744
 * with its session's starting code; the fourteenth (what people type to an assistant or a support desk, short web
 * text) at P 0.956, R 0.739 with that code and P 0.958, R 0.793 with the code written before anyone read it; the
 * fifteenth (the development set's variety, some in other languages) at P 0.962, R 0.753 with that code and P 0.964,
 * R 0.803 with the code written from the first fourteen, before anyone read it. The sixteenth to eighteenth, written apart
 * in the seventeenth session (customer, HR, legal and chat lines; the development set's own variety; seven registers
 * with assistant prompts about other people), each measured before it was read: F1 0.878, 0.873 and 0.895 with that
 * session's starting code, 0.874 and 0.895 for the last two with the rules written from the sets before them. The
 * twentieth, written apart in the eighteenth session in the development set's manner with more phones, lower-case
 * names and capitalised things (the nineteenth is `pii-unread-templates-2.json`, never read): F1 0.904 (P 0.936, R 0.873)
 * with that session's starting code, measured before it was read; the twenty-first (people beside firms and towns,
 * objects of plain verbs, chat logs, bylines) at 0.874 and the twenty-second (people where detectors rarely look: chat
 * messages, to-do items, calendar lines, other languages' verbs of telling and asking) at 0.847 with that code. The
 * twenty-third, written apart in the nineteenth session (200 in the development set's registers: requests to banks and
 * insurers, forms, news and reports, reviews, letters and signatures, group chats, other languages; a third without a
 * person but with brands, bands and feasts), at 0.882 (P 0.937, R 0.834) with that session's starting code. The
 * twenty-fourth, written apart in the twentieth session (people in many roles and places of a sentence, some twice, bios,
 * tickets, CSV lines; 30 without a placeholder but full of capitalised things), at 0.921 (P 0.977, R 0.872) with that
 * session's starting code, measured before it was read. The twenty-fifth, written apart in the twenty-sixth session by a
 * helper who saw no rule, fixture or figure (250: 70 with phones in support chats, forms, signatures, SMS, CSV and JSON
 * lines, other languages' labels; 90 with people in many roles; 50 addresses; 20 without a measured value), measured
 * before it was read: phone 0.941, person F1 0.911 (P 0.969, R 0.860), address recall 0.879. The twenty-seventh, written
 * apart in the twenty-eighth session by a helper who saw no rule or code (237: requests wrapping mails, transcripts and
 * CRM notes; code and data as Python, SQL, CSV, YAML, logs and Markdown tables; HR, medical, legal and logistics
 * lines; a fifth in other languages; a tenth without a slot but full of look-alikes), measured before it was read with
 * that session's starting code: phone P 0.896, R 0.931; person P 0.938, R 0.861; address recall 0.857. The twenty-eighth,
 * written apart in the thirty-seventh session by a helper who saw no rule, code or figure (220: more than half in the
 * development set's manner, a third pasted prompts, a tenth in other languages), measured before it was read with that
 * session's starting code: phone P 0.979, R 0.951; email P 0.946 (SSH remotes); person P 0.957, R 0.883.
 */
const WRITTEN_TEMPLATE_SETS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 20, 21, 22, 23, 24, 25, 26, 27, 28];
export const NEW_TEMPLATES = WRITTEN_TEMPLATE_SETS.map((n) => fixture(n === 1 ? 'pii-new-templates.json' : `pii-new-templates-${n}.json`));
/**
 * Sixty more, written apart in the same way, whose person and address misses nobody has read (the phone misses of this
 * set and the next two were read in the twenty-fifth session: recall 0.94, 0.85 and 0.92 before, unread; those of all
 * seven unread sets in the thirty-fifth, whose cues took sets 5 and 6 from 0.913 and 0.947 to 0.925 and 0.951; their
 * phone false positives and the misses left in the thirty-sixth: other identifiers' labels, ISBNs, a team or a person
 * called).
 */
const UNREAD_TEMPLATES = fixture('pii-unread-templates.json');
/**
 * A hundred more, written apart at the seventeenth session's end (reviews, biographies, news, requests, family and
 * workplace lines), never read nor trained on (`unread_templates_2_*`): F1 0.887 with that session's starting code,
 * 0.889 with its rules alone, 0.908 with the context model.
 */
const UNREAD_TEMPLATES_2 = fixture('pii-unread-templates-2.json');
/**
 * A hundred more, written apart at the eighteenth session's end in the development set's manner, never read nor trained
 * on (`unread_templates_3_*`): person F1 0.925 with that session's starting code, 0.929 with its end (0.905 rules alone).
 */
const UNREAD_TEMPLATES_3 = fixture('pii-unread-templates-3.json');
/**
 * 120 more, written apart in the twenty-fifth session by a helper who saw no rule, fixture or figure (chats, mails and
 * signatures, forms, CSV and tables, résumés, notes, reviews, lower-case messages, seven other languages; 15 without a
 * person but full of eponyms and brands), never read (`unread_templates_4_*`): with that session's starting code phone
 * 0.933, person F1 0.924 (P 0.953, R 0.896), address F1 0.926; with its phone rules, written before the set was, 0.953.
 */
const UNREAD_TEMPLATES_4 = fixture('pii-unread-templates-4.json');
/**
 * 250 more, written apart in the twenty-sixth session by the helper who wrote the twenty-fifth read set, in the same
 * mix, never read (`unread_templates_5_*`): with that session's starting code phone 0.895, IP 0.883, person F1 0.889
 * (P 0.938, R 0.845), address recall 0.875.
 */
const UNREAD_TEMPLATES_5 = fixture('pii-unread-templates-5.json');
/**
 * 250 more, written apart in the twenty-seventh session by a helper who saw no rule, figure or code, beside that
 * session's read set (`pii-new-templates-26.json`: support tickets, mails, forms, logs, JSON and CSV records, tables,
 * seven other languages, eponyms and brands named like people, ids shaped like phones), never read
 * (`unread_templates_6_*`): with that session's starting code phone P 0.966 R 0.939, person F1 0.893 (P 0.945, R
 * 0.847), address recall 0.853. Its person and address misses were read in the twenty-eighth session: set 7 below is the
 * one never read.
 */
const UNREAD_TEMPLATES_6 = fixture('pii-unread-templates-6.json');
/**
 * 232 more, written apart in the twenty-eighth session beside that session's read set (`pii-new-templates-27.json`) by
 * the same helper, in the same mix, never read (`unread_templates_7_*`): with that session's starting code phone P 0.902,
 * R 0.932; person P 0.919, R 0.850; address recall 0.852; SSN P 0.917.
 */
const UNREAD_TEMPLATES_7 = fixture('pii-unread-templates-7.json');
/**
 * 220 more, written apart in the thirty-seventh session by a helper who saw no rule, code or figure, beside that session's
 * read set (`pii-new-templates-28.json`), more than half in the development set's manner (`unread_templates_8_*`): with
 * that session's starting code phone P 0.913, R 0.915; email P 0.969; person P 0.943, R 0.835; address recall 0.912. Its
 * phone misses were then read (P 1.00, R 0.976 after); its person and address misses are not.
 */
const UNREAD_TEMPLATES_8 = fixture('pii-unread-templates-8.json');
/**
 * 240 more, written apart in the same session by another helper (`unread_templates_9_*`): with that session's starting
 * code card P 0.960, SSN P 0.986, IP P 0.923, phone P 0.965 R 0.960, person P 0.911 R 0.843. Its card, SSN and IP false
 * positives were then read; its phones, persons and addresses are not.
 */
const UNREAD_TEMPLATES_9 = fixture('pii-unread-templates-9.json');
/**
 * 240 more, written apart at that session's end (`unread_templates_10_*`): with its starting code phone P 0.927, R 0.954;
 * IP P 0.907; card P 0.967; person P 0.915, R 0.845; address recall 0.877. With its end: phone P 0.928, R 0.969; IP P
 * 0.951; the rest unchanged. Its misses were read in the thirty-eighth session (phone P 0.998, R 0.994; IP and card P
 * 1.00; person P 0.954, R 0.853 after).
 */
const UNREAD_TEMPLATES_10 = fixture('pii-unread-templates-10.json');
/**
 * 240 more, written in the thirty-eighth session by a helper who saw no rule, code or figure, more than half in the
 * development set's manner, with look-alikes (ids, versions, amounts, eponyms) in most; never read, the standing honest
 * measure (`unread_templates_11_*`): with that session's starting code phone P 0.988, R 0.952; address P 0.967; person P
 * 0.975, R 0.880; the rest 1.00. With its end: phone P 1.00, address P 0.970; the rest unchanged.
 */
const UNREAD_TEMPLATES_11 = fixture('pii-unread-templates-11.json');
/**
 * Prompts without a person, written for this project, full of products, firms, places and eponyms named like people
 * ("Jenkins", "Wells Fargo", "Kalman filter"): 400 whose findings were read while rules were written, 400 whose were not,
 * and 160 written by a helper who saw no rule to tempt the sixteenth session's cues (names in lower case, "who" after a
 * firm, a place after "to", a cluster's roles apposed, Dutch places, what teams become; 13 findings with that session's
 * starting code, 33 with its first draft, read and brought back to 13); 150 more for the seventeenth session's cues
 * (calls and leave after a name, "is this", "Thanks again,", labels after a dash, parties as titles, greetings before a
 * town: 14 findings with its starting code) and 150 where a pet, a ship, a storm, a country or a product stands before
 * "he", "she" or "who" (4 with that code); and 300 general prompts an assistant receives, products, places, bands, drugs
 * and storms throughout, never read (`unread_2`: 55 findings with the seventeenth session's starting code, 52 with its
 * rules alone, 61 with the context model); and 300 more written by a helper in the eighteenth session, brands,
 * products, places, feasts and faiths where people stand ("Honda told me", "travel to Hong Kong", "Sunni and Shia
 * Islam"; `cues_3`: 11 findings with that session's starting code, then read); and 250 general prompts full of
 * products, places, teams and drugs, written by a helper in the same session (`general`: 12 findings with its starting
 * code, 10 with its first commits, then read).
 */
export const PERSON_FREE = {
  read: fixture('person-free-prompts.json'),
  unread: fixture('person-free-prompts-unread.json'),
  unread_2: fixture('person-free-prompts-unread-2.json'),
  cues: fixture('person-free-prompts-cues.json'),
  cues_2: fixture('person-free-prompts-cues-2.json'),
  cues_3: fixture('person-free-prompts-cues-3.json'),
  general: fixture('person-free-prompts-general.json'),
  pronouns: fixture('person-free-prompts-pronouns.json'),
};

export interface Sample {
  full_text: string;
  spans: Array<{ entity_type: string; start_position: number; end_position: number }>;
}

export function evaluatePresidio(file = path.join(DATA, 'presidio_synth_dev.json')): Figures {
  return scoreSamples(JSON.parse(fs.readFileSync(file, 'utf8')) as Sample[]);
}

/** Samples written all in lower case: every offset stays where it was. */
function lowerCased(samples: Sample[]): Sample[] {
  return samples.map((sample) => {
    const lower = sample.full_text.toLowerCase();
    return lower.length === sample.full_text.length ? { ...sample, full_text: lower } : sample;
  });
}

/** Precision, recall and F1 per category of labelled samples; keys start with `prefix`. */
export function scoreSamples(samples: Sample[], prefix = ''): Figures {
  const detector = createDetector();
  const counts: Record<string, { tp: number; fp: number; found: number; gold: number; exact: number }> = {};
  for (const category of Object.values(LABELS)) counts[category] = { tp: 0, fp: 0, found: 0, gold: 0, exact: 0 };
  for (const sample of samples) {
    const gold = sample.spans.filter((s) => LABELS[s.entity_type]).map((s) => ({ category: LABELS[s.entity_type], start: s.start_position, end: s.end_position }));
    const predicted = detector.detect(sample.full_text).filter((f) => counts[f.category]);
    for (const p of predicted) {
      const hit = gold.some((g) => g.category === p.category && p.start < g.end && g.start < p.end);
      counts[p.category][hit ? 'tp' : 'fp']++;
      if (gold.some((g) => g.category === p.category && g.start === p.start && g.end === p.end)) counts[p.category].exact++;
    }
    for (const g of gold) {
      counts[g.category].gold++;
      if (predicted.some((p) => p.category === g.category && p.start < g.end && g.start < p.end)) counts[g.category].found++;
    }
  }
  const figures: Figures = {};
  for (const [category, c] of Object.entries(counts)) {
    const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
    const recall = c.gold === 0 ? 1 : c.found / c.gold;
    figures[`${prefix}precision_${category}`] = round(precision);
    figures[`${prefix}recall_${category}`] = round(recall);
    figures[`${prefix}f1_${category}`] = round(precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall));
    figures[`${prefix}exact_match_precision_${category}`] = round(c.tp + c.fp === 0 ? 1 : c.exact / (c.tp + c.fp));
    figures[`${prefix}gold_${category}`] = c.gold;
  }
  return figures;
}

/**
 * 177 credentials of some 110 providers and 113 near misses (placeholders, documented examples, publishable keys,
 * digests, ids, truncated tokens), written for this project from the providers' documentation; their misses were read.
 */
const WRITTEN_SECRETS = fixture('secrets-written.jsonl');
/** 125 more and 85 near misses, written apart afterwards; first measured unread (recall 0.912, near misses 17.6%), then read. */
const WRITTEN_SECRETS_2 = fixture('secrets-written-2.jsonl');
/**
 * 133 more and 110 near misses of other providers and layouts (PHP's define(), JWKs, SealedSecrets, public client
 * keys), written apart by a helper who saw no rule; first measured unread (recall 0.805, near misses 19.1%), then read.
 */
const WRITTEN_SECRETS_3 = fixture('secrets-written-3.jsonl');
/**
 * 120 more and 121 near misses in the style of a scanner's rule tests (one to four lines; prefixes with bodies of the
 * wrong length or alphabet, documented examples, public keys), written apart by a helper who saw no rule; first
 * measured unread (recall 0.825, near misses 23.1%; 0.825 and 24.0% with the session-start code), then read.
 */
const WRITTEN_SECRETS_4 = fixture('secrets-written-4.jsonl');
/**
 * 112 more and 130 near misses, half short rule-test lines and half long prompt content (compose files, manifests,
 * notebooks, shell history), written apart by a helper who saw no rule or fixture; first measured unread (recall 0.893,
 * near misses 16.9%; 0.839 and 19.2% with the session-start code), then read.
 */
const WRITTEN_SECRETS_5 = fixture('secrets-written-5.jsonl');
/**
 * 108 more and 146 near misses in many languages and layouts (diffs, crontabs, chats, CSV, configs named in Swedish,
 * Turkish, Chinese), written apart by a helper who saw no rule or fixture; first measured unread (recall 0.833, near
 * misses 10.3%; 0.759 and 16.4% with the session-start code), then read.
 */
const WRITTEN_SECRETS_6 = fixture('secrets-written-6.jsonl');
/**
 * 121 more and 152 near misses, pasted as people paste them into an assistant (SDK clients, logs, stack traces, chats,
 * prose in nine languages; browser keys, emulator keys, test vectors, tokens cut by an ellipsis), written apart by a
 * helper who saw no rule or fixture; first measured unread (recall 0.934, near misses 8.6%, the same with the
 * session-start code), then read.
 */
const WRITTEN_SECRETS_7 = fixture('secrets-written-7.jsonl');
/**
 * 106 more and 122 near misses in short lines, as a scanner's rule tests write them (a config line, a flag, a header),
 * written apart by a helper who saw no rule or fixture; first measured unread (recall 0.981, near misses 3.3%; 0.981 and
 * 4.1% with the session-start code), then read.
 */
const WRITTEN_SECRETS_8 = fixture('secrets-written-8.jsonl');
/**
 * 133 more and 97 near misses of providers none of the sets before named (Sauce Labs, Braze, Nostr, Blockfrost, Make,
 * Teradata, LDAP binds, SDK logins), written apart by a helper who saw no rule; first measured unread (recall 0.722,
 * near misses 4.1%), then read.
 */
const WRITTEN_SECRETS_9 = fixture('secrets-written-9.jsonl');
/**
 * 100 credentials and 120 near misses written apart at the thirteenth session's end by a helper who saw no rule or
 * fixture, the never-read measure until the seventeenth session read it (recall 0.940, near misses 11.7% unread through
 * three sessions; its flagged near misses then: digests, numbers in groups, default passwords, placeholders in a
 * provider's format, which a scanner's own tests count as keys and so stay flagged).
 */
const WRITTEN_SECRETS_10 = fixture('secrets-written-10.jsonl');
/**
 * 100 credentials and 140 near misses written apart in the eighteenth session by a helper who saw no rule or fixture
 * (smaller SaaS vendors, SDK clients, chat; placeholders, digests, public keys, sealed values); first measured unread
 * (recall 0.97, near misses 4.3%), then read. Its flagged near misses that stay: x-filled keys in a provider's format,
 * a bcrypt hash in a fixture, a Mapbox public token and "user:password" in a sample URL, which the development set
 * counts as secrets.
 */
const WRITTEN_SECRETS_11 = fixture('secrets-written-11.jsonl');
/**
 * 90 credentials and 110 near misses written apart later in the eighteenth session, aimed at where detectors miss
 * (SDK constructors in ten languages, CLI flags, tables with a password column, chats, signing keys, webhook paths);
 * first measured unread (recall 0.83, near misses 6.4%), then read.
 */
const WRITTEN_SECRETS_12 = fixture('secrets-written-12.jsonl');
/**
 * 132 credentials of about 100 providers and 131 near misses written apart in the nineteenth session (cloud, CI, AI
 * APIs, payments, databases, keys; references, public keys, ids and digests among the near misses), first measured
 * unread (recall 0.985, near misses 4.6%), then read. Its flagged near misses that stay: an AWS key id alone, which
 * scanners report as a credential's half, and a Mapbox public token, which the development set counts as a secret.
 */
const WRITTEN_SECRETS_13 = fixture('secrets-written-13.jsonl');
/**
 * 112 credentials and 122 near misses written apart in the twentieth session in a scanner's rule tests' manner (one to
 * four lines of config, exports, headers and code of many languages; placeholders, references, documented examples,
 * digests, masked keys), first measured unread (recall 0.946, near misses 8.2%), then read. Its flagged near misses
 * that stay match a provider's format, as a scanner's rules take them: x-filled keys (`ghp_xxxx…`, `sk-xxxx…`), an
 * all-"A" AWS key id, jwt.io's and RFC 6749's example tokens, Mailgun's counting key, a Mapbox public token.
 */
const WRITTEN_SECRETS_14 = fixture('secrets-written-14.jsonl');
/**
 * 155 credentials of about 120 providers and 140 near misses written apart in the twenty-fourth session by a helper who
 * saw no rule or fixture (a quarter pasted into chat prompts), first measured unread (recall 0.981, near misses 6.4%),
 * then read: found since, a Twilio API key's secret beside its SID, Ably's keys, a JDBC URL's whole password, a git
 * extraheader's Basic credentials. Its flagged near misses that stay match a provider's format as the development set
 * labels them: x-filled keys (`ghp_xxxx…`, `hvs.XXXX…`), a Mapbox public token, jwt.io's example, a bcrypt hash, RFC
 * 6238's TOTP example secret.
 */
const WRITTEN_SECRETS_15 = fixture('secrets-written-15.jsonl');
/**
 * 150 credentials of about 130 providers and kinds and 150 near misses written apart in the twenty-fifth session by a
 * helper who saw no rule, fixture or figure (keys generated in each provider's format, some with their real checksums;
 * placeholders, references, public keys, ids, digests), first measured unread (recall 0.947, near misses 9.3%, the same
 * with that session's starting code), then read: found since, passwords told in Spanish, Portuguese, Russian, Chinese and
 * Japanese, a key decoded from hex as it is assigned, a Bitcoin WIF key (checksum verified). Its flagged near misses that
 * stay match a provider's format as the development set labels them: x-filled keys, bcrypt digests in a fixture,
 * "user:password" in a sample URL, key ids alone (AWS, Alibaba), jwt.io's example, a Mapbox public token.
 */
const WRITTEN_SECRETS_16 = fixture('secrets-written-16.jsonl');
/**
 * 100 credentials and 140 near misses written apart in the seventeenth session by a helper who saw no rule or fixture,
 * never read: the standing measure of how the secret rules carry over to data nobody tuned them for (`unread_*`). With
 * that session's starting code: recall 0.99, near misses 12.1% (17 of 140).
 */
const UNREAD_SECRETS = fixture('secrets-unread.jsonl');

interface SecretRow {
  label: number;
  text: string;
  rule_id?: string;
}
const DEV_SECRETS = path.join(DATA, 'secrets_dev.jsonl');

function secretRows(file: string): SecretRow[] {
  return fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as SecretRow);
}

/**
 * What Nosey Parker's rules find, and so what its examples count: credentials, and the identifiers of cloud accounts and
 * resources (its `identifier` rules: ARNs, AWS account ids, buckets, OAuth clients), which the sanitizer finds as
 * `cloud_identifier`.
 */
const NOSEY_PARKER_KINDS: Category[] = ['secret', 'url_credentials', 'cloud_identifier'];
/** What this project's written sets call secrets: their near misses hold cloud identifiers on purpose (ids, ARNs). */
const CREDENTIALS: Category[] = ['secret', 'url_credentials'];

export function evaluateSecrets(file = DEV_SECRETS, prefix = '', kinds = NOSEY_PARKER_KINDS): Figures {
  return scoreSecrets(secretRows(file), prefix, kinds);
}

/**
 * Nosey Parker's other rules: the development set holds the examples and counter-examples of a third of its rules; the
 * rest, read from a copy of its rule files where `NOSEYPARKER_RULES` names their folder (never copied into this project),
 * measure how the secret rules carry over to the kinds of secrets that set leaves out. Its counter-examples are per rule:
 * some are another rule's secrets (a Slack user token under the bot-token rule). Some of its examples are identifiers
 * (ARNs, bucket names, OAuth client ids), found as `cloud_identifier`; some are usernames, which the sanitizer leaves.
 */
export function evaluateNoseyParkerRules(dir = process.env.NOSEYPARKER_RULES): Figures {
  if (!dir) return {};
  const dev = new Set(secretRows(DEV_SECRETS).map((row) => row.rule_id));
  const rows: SecretRow[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
    const parsed = YAML.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { rules?: Array<{ id: string; examples?: string[]; negative_examples?: string[] }> };
    for (const rule of parsed.rules ?? []) {
      if (dev.has(rule.id)) continue;
      for (const text of rule.examples ?? []) rows.push({ label: 1, text });
      for (const text of rule.negative_examples ?? []) rows.push({ label: 0, text });
    }
  }
  return rows.length === 0 ? {} : { noseyparker_other_rules_snippets: rows.length, ...scoreSecrets(rows, 'noseyparker_other_rules_', NOSEY_PARKER_KINDS) };
}

function scoreSecrets(rows: SecretRow[], prefix: string, kinds: Category[]): Figures {
  return scoreFlagged(rows, `${prefix}secrets_`, kinds);
}

/** Snippets labelled 1 (they hold one) or 0 (a near miss): the share of each that the categories find anything in. */
function scoreFlagged(rows: SecretRow[], prefix: string, kinds: Category[]): Figures {
  const detector = createDetector({ categories: kinds });
  let caught = 0;
  let flagged = 0;
  const positives = rows.filter((r) => r.label === 1);
  const negatives = rows.filter((r) => r.label === 0);
  for (const r of positives) if (detector.detect(r.text).length > 0) caught++;
  for (const r of negatives) if (detector.detect(r.text).length > 0) flagged++;
  return { [`${prefix}recall`]: round(caught / positives.length), [`${prefix}near_miss_fp_rate`]: round(flagged / negatives.length) };
}

/**
 * 152 snippets holding cloud identifiers (ARNs, AWS account ids, S3, GCS and Azure storage names, Azure subscriptions,
 * Google OAuth clients, Shopify stores) and 153 near misses (endpoints without a name, managed policies' ARNs, other
 * twelve-digit numbers and UUIDs, placeholders, e-mail addresses at those hosts), written in the thirtieth session by a
 * helper who saw no rule or code; first measured unread (recall 0.914, near misses 0.7%: 1 of 153), then read.
 */
const WRITTEN_CLOUD_IDENTIFIERS = fixture('cloud-identifiers-written.jsonl');
/** As many more, written apart by a helper who saw neither the rules nor the set above, never read. */
const UNREAD_CLOUD_IDENTIFIERS = fixture('cloud-identifiers-unread.jsonl');

export function evaluateCloudIdentifiers(file: string, prefix: string): Figures {
  return scoreFlagged(secretRows(file), `${prefix}cloud_identifiers_`, ['cloud_identifier']);
}

/** Persons found in the prompts that hold none: every one is a false positive. */
export function evaluatePersonFree(): Figures {
  const detector = createDetector({ categories: ['person'] });
  const figures: Figures = {};
  for (const [set, file] of Object.entries(PERSON_FREE)) {
    const prompts = JSON.parse(fs.readFileSync(file, 'utf8')) as string[];
    let findings = 0;
    let prompted = 0;
    for (const prompt of prompts) {
      const found = detector.detect(prompt).length;
      findings += found;
      if (found > 0) prompted++;
    }
    figures[`person_free_${set}_prompts`] = prompts.length;
    figures[`person_free_${set}_findings`] = findings;
    figures[`person_free_${set}_prompts_with_a_person`] = prompted;
  }
  return figures;
}

/**
 * Findings in texts that hold no secrets, cards, IBANs, SSNs or street addresses: CLINC150's utterances, QQP's
 * questions and deepset's prompts (people's names they do hold, so persons are not counted). Nearly every
 * finding of these categories there is a false positive ("going to 27 moss lane" is an address).
 */
export function evaluateHonestTexts(): Figures {
  const texts = honestTexts();
  const counted = ['secret', 'url_credentials', 'cloud_identifier', 'credit_card', 'iban', 'ssn', 'national_id', 'crypto_address', 'address'] as const;
  const detector = createDetector({ categories: [...counted] });
  const figures: Figures = { honest_texts: texts.length };
  for (const category of counted) figures[`honest_text_findings_${category}`] = 0;
  for (const text of texts) for (const f of detector.detect(text)) (figures[`honest_text_findings_${f.category}`] as number)++;
  return figures;
}

/** CLINC150's utterances, QQP's questions and deepset's prompts: what people type, none written for this project. */
function honestTexts(): string[] {
  const shared = path.resolve(DATA, '..');
  const texts: string[] = [];
  const clinc = JSON.parse(fs.readFileSync(path.join(shared, 'intent', 'clinc150', 'data_full.json'), 'utf8')) as Record<string, Array<[string, string]>>;
  for (const split of Object.values(clinc)) for (const [utterance] of split) texts.push(utterance);
  for (const line of fs.readFileSync(path.join(shared, 'paraphrase', 'qqp_dev.jsonl'), 'utf8').trim().split('\n')) {
    const pair = JSON.parse(line) as Record<string, unknown>;
    for (const value of Object.values(pair)) if (typeof value === 'string') texts.push(value);
  }
  for (const line of fs.readFileSync(path.join(shared, 'prompt_guard', 'deepset_prompt_injections', 'train.jsonl'), 'utf8').trim().split('\n')) {
    texts.push((JSON.parse(line) as { text: string }).text);
  }
  return texts;
}

/**
 * Latency on real text: those texts joined and cut into 4 KB prompts, each detected once (the synthetic prompt above
 * repeats five sentences; real prompts hold more capitalised words, each judged by the person rules).
 */
function realLatency(detector: ReturnType<typeof createDetector>): Figures {
  const chunks = (honestTexts().join('\n').match(/[\s\S]{1,4096}/g) ?? []).map(asReceived);
  // A route that leaves names and addresses alone (`categories` without person and address): the structured detectors.
  const structured = createDetector({ categories: BUILT_IN_CATEGORIES.filter((category) => category !== 'person' && category !== 'address') });
  for (const chunk of chunks.slice(0, 20)) {
    detector.detect(chunk);
    structured.detect(chunk);
  }
  const samples: number[] = [];
  const structuredSamples: number[] = [];
  for (const chunk of chunks.slice(20)) {
    let t = performance.now();
    detector.detect(chunk);
    samples.push(performance.now() - t);
    t = performance.now();
    structured.detect(chunk);
    structuredSamples.push(performance.now() - t);
  }
  return {
    real_4kb_prompts: samples.length,
    ms_p50_4kb_real: round(quantile(samples, 0.5)),
    ms_p99_4kb_real: round(quantile(samples, 0.99)),
    ms_p50_4kb_real_without_names: round(quantile(structuredSamples, 0.5)),
    ms_p99_4kb_real_without_names: round(quantile(structuredSamples, 0.99)),
  };
}

/**
 * A chat's requests as the sanitizer reads them: each resends the system prompt (2 KB) and every earlier turn (a
 * user's 300 characters, an answer's 700) with the new question, each message read as its own text. The figures are a
 * request's reading time from its tenth turn on (about 12 KB), with the route's memory of texts read before
 * (`RememberingDetector`) and without it; twelve chats of real text, each with its own memory.
 */
function chatLatency(detector: ReturnType<typeof createDetector>): Figures {
  const texts = honestTexts();
  const remembered: number[] = [];
  const unremembered: number[] = [];
  let chars = 0;
  let cursor = 0;
  const take = (length: number) => {
    let out = '';
    while (out.length < length) out += `${texts[cursor++ % texts.length]} `;
    return asReceived(out);
  };
  for (let chat = 0; chat < 12; chat++) {
    const memory = new RememberingDetector(detector);
    const messages = [take(2048)];
    for (let turn = 0; turn < 20; turn++) {
      messages.push(take(300));
      if (turn >= 10) {
        let t = performance.now();
        for (const message of messages) memory.detect(message);
        remembered.push(performance.now() - t);
        t = performance.now();
        for (const message of messages) detector.detect(message);
        unremembered.push(performance.now() - t);
        chars += messages.reduce((n, message) => n + message.length, 0);
      } else for (const message of messages) memory.detect(message);
      messages.push(take(700));
    }
  }
  return {
    chat_request_kb: round(chars / remembered.length / 1024, 1),
    ms_p50_chat_request_remembered: round(quantile(remembered, 0.5)),
    ms_p99_chat_request_remembered: round(quantile(remembered, 0.99)),
    ms_p50_chat_request_unremembered: round(quantile(unremembered, 0.5)),
  };
}

const CODE_FILE = /\.(?:js|mjs|cjs|ts|md|ya?ml)$/;
const VALUE_PACKAGES = new Set(['@faker-js', 'gender-detection-from-name', 'stdnum']);

/** Source, type definitions, docs and configs under node_modules, each file once (the lock file pins them). */
export function codeFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    // Faker's locale data and the registers' given names are lists of names, streets and phone numbers: values, not code;
    // stdnum's tests are every country's identity, tax and bank numbers.
    if (entry.isDirectory()) {
      if (!VALUE_PACKAGES.has(entry.name)) codeFiles(file, out);
    }
    else if (entry.isFile() && CODE_FILE.test(entry.name)) out.push(file);
  }
  return out;
}

/**
 * Findings in the code and docs of this project's dependencies (about 80 MB): what a coding assistant's prompts
 * hold. Their tests and READMEs do hold real-looking values (authors' names and emails, test cards and IBANs,
 * phone numbers in libphonenumber's docs, hard-coded passwords such as "password: 'ahotproject'"), so this
 * counts what is left to read, not only false positives.
 */
export function evaluateHonestCode(root = path.join(__dirname, '..', '..', 'node_modules')): Figures {
  const detector = createDetector();
  const seen = new Set<string>();
  const figures: Figures = { honest_code_mb: 0 };
  for (const category of BUILT_IN_CATEGORIES) figures[`honest_code_findings_${category}`] = 0;
  let bytes = 0;
  for (const file of codeFiles(root)) {
    if (fs.statSync(file).size > 200_000) continue;
    const text = fs.readFileSync(file, 'utf8');
    if (seen.has(text)) continue;
    seen.add(text);
    bytes += text.length;
    for (const f of detector.detect(text)) (figures[`honest_code_findings_${f.category}`] as number)++;
  }
  figures.honest_code_mb = round(bytes / 1e6, 1);
  return figures;
}

/**
 * A text as the sanitizer receives it, parsed out of a request's JSON body: a string of its own, in one byte per
 * character where its characters allow. A piece cut from a longer string is read through that string, and all of it
 * in two bytes per character where any part of it needs them (the real texts joined hold curly quotes): V8 matched
 * the detectors' patterns on such pieces a fifth to two fifths slower than on the same characters as a request carries
 * them.
 */
function asReceived(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

function prompt4kb(): string {
  const parts = [
    'Hello, I need help with my account. My name is Maria Gonzalez and my email is maria.gonzalez@example.org. ',
    'The card I used was 4111 1111 1111 1111 and the refund should go to GB82 WEST 1234 5698 7654 32. ',
    'You can call me at +1 415 555 0133 or reach the office in Berlin. Our server 10.20.30.40 logs show errors. ',
    'We are planning a migration of the reporting pipeline next quarter and want to understand the costs involved. ',
    'Please summarise the attached notes, keep the tone friendly, and list three concrete next steps for the team. ',
  ];
  let text = '';
  while (text.length < 4096) text += parts[text.length % parts.length] ?? parts[0];
  return asReceived(text.slice(0, 4096));
}

export async function benchPii(): Promise<Figures> {
  const figures: Figures = {
    ...evaluatePresidio(),
    ...scoreSamples(refilledSamples(path.join(DATA, 'presidio_synth_dev.json')), 'refilled_'),
    // The same templates with values from other seeds, whose misses are not read when rules are written: what the
    // refill above, read while writing them, overstates.
    ...scoreSamples(refilledSamples(path.join(DATA, 'presidio_synth_dev.json'), UNREAD_SEEDS), 'unread_refill_'),
    // Sentences of the kinds prompts hold, written for this project outside the development set, filled from the unread
    // seeds: how the rules carry over to sentences they were not shaped on; the last set's misses are not read.
    ...scoreSamples(NEW_TEMPLATES.flatMap((file) => refilledSamples(file, UNREAD_SEEDS)), 'new_templates_'),
    ...scoreSamples(refilledSamples(UNREAD_TEMPLATES, UNREAD_SEEDS), 'unread_templates_'),
    ...scoreSamples(refilledSamples(UNREAD_TEMPLATES_2, UNREAD_SEEDS), 'unread_templates_2_'),
    ...scoreSamples(refilledSamples(UNREAD_TEMPLATES_3, UNREAD_SEEDS), 'unread_templates_3_'),
    ...scoreSamples(refilledSamples(UNREAD_TEMPLATES_4, UNREAD_SEEDS), 'unread_templates_4_'),
    ...scoreSamples(refilledSamples(UNREAD_TEMPLATES_5, UNREAD_SEEDS), 'unread_templates_5_'),
    ...scoreSamples(refilledSamples(UNREAD_TEMPLATES_6, UNREAD_SEEDS), 'unread_templates_6_'),
    ...scoreSamples(refilledSamples(UNREAD_TEMPLATES_7, UNREAD_SEEDS), 'unread_templates_7_'),
    ...scoreSamples(refilledSamples(UNREAD_TEMPLATES_8, UNREAD_SEEDS), 'unread_templates_8_'),
    ...scoreSamples(refilledSamples(UNREAD_TEMPLATES_9, UNREAD_SEEDS), 'unread_templates_9_'),
    ...scoreSamples(refilledSamples(UNREAD_TEMPLATES_10, UNREAD_SEEDS), 'unread_templates_10_'),
    ...scoreSamples(refilledSamples(UNREAD_TEMPLATES_11, UNREAD_SEEDS), 'unread_templates_11_'),
    // The same, written all in lower case, as the generator writes a few of its sentences and people type chats.
    ...scoreSamples(lowerCased(refilledSamples(path.join(DATA, 'presidio_synth_dev.json'), UNREAD_SEEDS)), 'lower_case_unread_refill_'),
    ...scoreSamples(lowerCased([UNREAD_TEMPLATES, UNREAD_TEMPLATES_2, UNREAD_TEMPLATES_3, UNREAD_TEMPLATES_4, UNREAD_TEMPLATES_5].flatMap((file) => refilledSamples(file, UNREAD_SEEDS))), 'lower_case_unread_templates_'),
    ...evaluateSecrets(),
    ...evaluateSecrets(WRITTEN_SECRETS, 'written_', CREDENTIALS),
    ...evaluateSecrets(WRITTEN_SECRETS_2, 'written_2_', CREDENTIALS),
    ...evaluateSecrets(WRITTEN_SECRETS_3, 'written_3_', CREDENTIALS),
    ...evaluateSecrets(WRITTEN_SECRETS_4, 'written_4_', CREDENTIALS),
    ...evaluateSecrets(WRITTEN_SECRETS_5, 'written_5_', CREDENTIALS),
    ...evaluateSecrets(WRITTEN_SECRETS_6, 'written_6_', CREDENTIALS),
    ...evaluateSecrets(WRITTEN_SECRETS_7, 'written_7_', CREDENTIALS),
    ...evaluateSecrets(WRITTEN_SECRETS_8, 'written_8_', CREDENTIALS),
    ...evaluateSecrets(WRITTEN_SECRETS_9, 'written_9_', CREDENTIALS),
    ...evaluateSecrets(WRITTEN_SECRETS_10, 'written_10_', CREDENTIALS),
    ...evaluateSecrets(WRITTEN_SECRETS_11, 'written_11_', CREDENTIALS),
    ...evaluateSecrets(WRITTEN_SECRETS_12, 'written_12_', CREDENTIALS),
    ...evaluateSecrets(WRITTEN_SECRETS_13, 'written_13_', CREDENTIALS),
    ...evaluateSecrets(WRITTEN_SECRETS_14, 'written_14_', CREDENTIALS),
    ...evaluateSecrets(WRITTEN_SECRETS_15, 'written_15_', CREDENTIALS),
    ...evaluateSecrets(WRITTEN_SECRETS_16, 'written_16_', CREDENTIALS),
    ...evaluateSecrets(UNREAD_SECRETS, 'unread_', CREDENTIALS),
    ...evaluateNoseyParkerRules(),
    ...evaluateCloudIdentifiers(WRITTEN_CLOUD_IDENTIFIERS, 'written_'),
    ...evaluateCloudIdentifiers(UNREAD_CLOUD_IDENTIFIERS, 'unread_'),
    ...evaluatePersonFree(),
    ...evaluateHonestTexts(),
    ...evaluateHonestCode(),
  };
  return { ...figures, ...latencyInItsOwnProcess() };
}

/**
 * The latency figures, measured in a process of its own (`pii-latency.ts`) started as the plugin server is
 * (`SERVER_NODE_FLAGS`), as the plugin server's holds the detectors and its requests: the evaluations above leave a heap
 * of 90 MB and more (84 MB of code read, the lists' caches filled), in which the same detector read the synthetic prompt
 * a fifth slower, with twice the p99, even after a collection.
 */
function latencyInItsOwnProcess(): Figures {
  const out = execFileSync(process.execPath, [...SERVER_NODE_FLAGS, '--expose-gc', path.join(__dirname, 'pii-latency.js')], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Figures;
}

/** Each reading's time in ms of `text`, read `runs` times after `warmUp` readings, and the seconds all of them took. */
function readingTimes(detector: ReturnType<typeof createDetector>, text: string, runs: number, warmUp = 200): { samples: number[]; seconds: number } {
  for (let i = 0; i < warmUp; i++) detector.detect(text);
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    detector.detect(text);
    samples.push(performance.now() - t);
  }
  return { samples, seconds: (performance.now() - started) / 1000 };
}

/** Latency on the synthetic 4 KB prompt, on real text, on a chat's requests and on the adversarial prompts. */
export async function piiLatency(): Promise<Figures> {
  const figures: Figures = {};
  const detector = createDetector();
  const text = prompt4kb();
  (globalThis as { gc?: () => void }).gc?.();
  // A plugin server's first readings, while V8 still compiles the detectors' code as it finds them hot.
  figures.ms_p50_4kb_first_200 = round(quantile(readingTimes(detector, text, 200, 0).samples, 0.5));
  // Then as a server that has read a few thousand prompts reads them: the median of 250 readings fell from about 0.73 to
  // 0.52 ms over the first 2,500 on the development machine (the same with a different prompt each time), and stays.
  const { samples, seconds } = readingTimes(detector, text, 2000, 3000);
  figures.ms_p50_4kb = round(quantile(samples, 0.5));
  figures.ms_p99_4kb = round(quantile(samples, 0.99));
  figures.mb_per_s = round((text.length * samples.length) / 1e6 / seconds, 2);
  // The same prompt with a curly apostrophe in its last words: V8 then stores it two bytes per character, where the
  // patterns' Unicode classes are searched range by range.
  const curly = asReceived(`${text.slice(0, -12)}It’s urgent.`);
  figures.ms_p50_4kb_two_bytes_per_character = round(quantile(readingTimes(detector, curly, 1000).samples, 0.5));
  Object.assign(figures, realLatency(detector), chatLatency(detector));
  // The slowest 200 KB prompt built to make the detectors backtrack or pile up findings (the guard's set).
  figures.ms_worst_200kb_adversarial = await slowestAdversarial((text) => detector.detect(text));
  return figures;
}
