import { matches } from './context';

/**
 * Values of a record's fields that only people fill, in the syntaxes records are pasted in: JSON and YAML
 * (`"customer": "Laakso"`, `assigned_to: Lennert`), logs and query strings (`recipient=Mia`), INI, and markup
 * (`<recipient>Darrell</recipient>`). Unlike a "name" field, which packages and products have too, these name a person;
 * not an assignee's, a reporter's or a tenant's, which bots, rotations and SaaS tenants fill as often ("assignee": "Oncall",
 * "Tenant: Contoso").
 */
/** Fields of a person's own name or of a role only a person holds. */
const PERSON_FIELD = String.raw`(?:full[ _-]?name|fullName|first[ _-]?name|firstName|last[ _-]?name|lastName|given[ _-]?names?|givenName|surname|family[ _-]?name|familyName|patient|patient[ _-]?name|account[ _-]?holder|card[ _-]?holder|cardholder|holder[ _-]?name|contact[ _-]?name|contact[ _-]?person|employee|employee[ _-]?name|passenger|passenger[ _-]?name|guest[ _-]?name|traveller|traveler|beneficiary|insured|policy[ _-]?holder|policyholder|applicant|candidate|student[ _-]?name|next[ _-]?of[ _-]?kin)`;
/** Fields of a party that firms fill as often ("Recipient: Santander", "Bill to: Acme"): one word there needs a listed name. */
const PARTY_FIELD = String.raw`(?:recipient|recipient[ _-]?name|customer|customer[ _-]?name|client[ _-]?name|assigned[ _-]?to|bill[ _-]?to|ship[ _-]?to|sold[ _-]?to|deliver[ _-]?to|owner[ _-]?name|sender[ _-]?name)`;
const PEOPLE_FIELD = `(?:${PERSON_FIELD}|${PARTY_FIELD})`;
const IS_PERSON_FIELD = new RegExp(`^${PERSON_FIELD}$`, 'i');
/** A value: one to four words of letters (not ending in a quote), up to the field's end (a quote, a separator, the line's end). */
const WORD = String.raw`\p{L}(?:[\p{L}'’.-]*[\p{L}.])?`;
const VALUE = String.raw`(${WORD}(?:[ \t]+${WORD}){0,3})`;
/** The field found back from its ":", "=" or "=>": prose holds far fewer of those than words, where a field's name may start. */
const keyedField = (fields: string) =>
  new RegExp(String.raw`[:=](?<=(?<![\p{L}\p{N}_-])(${fields})["']?[ \t]*[:=])>?[ \t]*["']?${VALUE}(?=["']|[ \t]*(?:[,;|/}\]&)\r\n]|$))`, 'dgiu');
const KEYED = keyedField(PEOPLE_FIELD);
/**
 * A bare "name" or "contact" field is a person's inside a record that holds a person's other fields too: a phone, an
 * email, a card, a birth date (`{"name": "Evelína", "phone": "737 759 191"}`, `name="Bradtke" email=…`); a package's or
 * a product's record holds none of those.
 */
const BARE_NAME_KEYED = keyedField('name|contact');
/**
 * A person's other field: the whole key, or its last word after "_", "-" or in camel case ("contact_email", "homePhone");
 * not a word that only ends as one does ("hotel", "headphone", "voicemail", "giftcard").
 */
const PERSONAL_SIBLING =
  /(?<![\p{L}\p{N}])["']?(?:[\p{L}\p{N}]+[_-])*(?:phone|mobile|tel|telephone|email|e_mail|e-mail|mail|card|ssn|dob|birth_?date|date_of_birth|iban)(?:[_-]?(?:number|no|address))?["']?[ \t]*(?:=>|[:=])/iu;
const PERSONAL_SIBLING_CAMEL =
  /(?<![\p{L}\p{N}])["']?\p{Ll}[\p{L}\p{N}]*?(?:Phone|Mobile|Tel|Telephone|Email|EMail|Mail|Card|Ssn|SSN|Dob|DOB|BirthDate|Birthdate|OfBirth|Iban|IBAN)(?:Number|No|Address)?["']?[ \t]*(?:=>|[:=])/u;
const personalSibling = (text: string) => PERSONAL_SIBLING.test(text) || PERSONAL_SIBLING_CAMEL.test(text);
/** A firm's mailbox: a role's ("info@", "support@") rather than a person's. */
const ROLE_MAILBOX = /(?<![\p{L}\p{N}._%+-])(?:info|support|help|sales|admin|contact|hello|team|office|billing|accounts|noreply|no-reply|ops|marketing|hr|jobs|careers|press|enquiries|inquiries|service|customerservice)@/iu;
/**
 * A one-word name is a firm's in a record that gives a role's mailbox or a mailbox at the name's own domain
 * (`{"name": "Initech", "email": "info@initech.com"}`, `{"name": "Heroku", "email": "ops@…"}`).
 */
function firmRecord(word: string, record: string): boolean {
  return ROLE_MAILBOX.test(record) || record.toLowerCase().includes(`@${word.toLowerCase()}.`);
}

const MARKUP = new RegExp(String.raw`<(${PEOPLE_FIELD})>[ \t]*${VALUE}[ \t]*</\1>`, 'dgiu');

export interface FieldName {
  start: number;
  value: string;
  /** Whether the field is a person's own (a first name, a patient), not a party's that firms fill too. */
  personal: boolean;
}

export function namesInFields(text: string): FieldName[] {
  const found: FieldName[] = [];
  for (const m of matches(text, KEYED)) found.push({ start: m.indices![2]![0], value: m[2]!, personal: IS_PERSON_FIELD.test(m[1]!) });
  for (const m of text.includes('</') ? matches(text, MARKUP) : []) found.push({ start: m.indices![2]![0], value: m[2]!, personal: IS_PERSON_FIELD.test(m[1]!) });
  for (const m of /name|contact/i.test(text) ? matches(text, BARE_NAME_KEYED) : []) {
    const [start, end] = m.indices![2]!;
    const [before, after] = [text.slice(Math.max(0, m.index - 160), m.index), text.slice(end, end + 160)];
    if (!/[ \t]/.test(m[2]!) && firmRecord(m[2]!, before + after)) continue;
    if (personalSibling(before) || personalSibling(after)) found.push({ start, value: m[2]!, personal: true });
  }
  return found;
}
