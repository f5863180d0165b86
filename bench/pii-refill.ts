import fs from 'node:fs';
import * as faker from '@faker-js/faker';
import type { Faker } from '@faker-js/faker';
import type { Sample } from './pii';

/**
 * The development sentences' templates (their "masked" text, "{{PERSON}} lives at {{STREET_ADDRESS}}") filled
 * again with other values: Faker's names, streets, phones and cards from 18 locales. Each sample names one person,
 * in the forms the generator writes it (full, given name, surname, with a middle initial, now and then in lower
 * case). Faker's local formats are stranger than the generator's ("Vendel útja 5 2.em 45 ajtó", "754 326" for a
 * phone), so these figures sit below the development set's. They show how the rules carry over to values other
 * than the development set's: a rule fitted to those values alone shows here. It is no held-out score: the rules are
 * written from general knowledge (postal suffixes, legal forms, street words), but their misses here were read too.
 */
const LOCALES = [
  'fakerEN_US', 'fakerEN_GB', 'fakerEN_AU', 'fakerEN_IE', 'fakerDE', 'fakerFR', 'fakerES', 'fakerIT', 'fakerNL',
  'fakerPL', 'fakerSV', 'fakerNB_NO', 'fakerDA', 'fakerFI', 'fakerPT_BR', 'fakerCS_CZ', 'fakerHU', 'fakerHR',
] as const;
const ROUNDS = 10;

interface Person {
  first: string;
  last: string;
}

/** As the generator writes names: mostly whole, often a given name or a surname alone, now and then in lower case. */
function personForm(f: Faker, p: Person): string {
  return f.helpers.weightedArrayElement([
    { weight: 4, value: `${p.first} ${p.last}` },
    { weight: 2, value: p.last },
    { weight: 2, value: p.first },
    { weight: 1, value: `${p.first} ${f.string.alpha({ length: 1, casing: 'upper' })}. ${p.last}` },
    { weight: 1, value: `${p.first} ${p.last}`.toLowerCase() },
  ]);
}
const NRP = ['German', 'Swedish', 'Brazilian', 'Polish', 'Catholic', 'Muslim', 'Jewish', 'Hindu', 'Italian', 'Mexican'];

function value(f: Faker, type: string, person: Person): string {
  switch (type) {
    case 'PERSON':
      return personForm(f, person);
    case 'STREET_ADDRESS':
      return f.datatype.boolean() ? f.location.streetAddress(f.datatype.boolean()) : `${f.location.streetAddress()}\n${f.location.city()}, ${f.location.zipCode()}`;
    case 'GPE':
      return f.location.city();
    case 'ORGANIZATION':
      return f.company.name();
    case 'DATE_TIME':
      return f.date.past({ refDate: '2026-01-01T00:00:00Z' }).toDateString();
    case 'TITLE':
      return f.person.prefix();
    case 'CREDIT_CARD':
      return f.finance.creditCardNumber();
    case 'DOMAIN_NAME':
      return f.internet.domainName();
    case 'PHONE_NUMBER':
      return f.phone.number();
    case 'IP_ADDRESS':
      return f.datatype.boolean() ? f.internet.ipv4() : f.internet.ipv6();
    case 'EMAIL_ADDRESS':
      return f.internet.email();
    case 'NRP':
      return f.helpers.arrayElement(NRP);
    case 'AGE':
      return String(f.number.int({ min: 18, max: 90 }));
    case 'US_SSN':
      return `${f.number.int({ min: 100, max: 665 })}-${f.number.int({ min: 10, max: 99 })}-${f.number.int({ min: 1000, max: 9999 })}`;
    case 'ZIP_CODE':
      return f.location.zipCode();
    case 'IBAN_CODE':
      return f.finance.iban();
    case 'US_DRIVER_LICENSE':
      return f.string.alphanumeric({ length: 8, casing: 'upper' });
    default:
      return f.word.noun();
  }
}

/**
 * The templates of `file`, each filled ROUNDS times, in turn from each locale, deterministically. Another `seedOffset`
 * fills them with values the rules' authors have not read.
 */
export function refilledSamples(file: string, seedOffset = 0): Sample[] {
  const dev = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{ template_id: number; masked: string }>;
  const templates = [...new Map(dev.map((s) => [s.template_id, s.masked])).values()];
  const samples: Sample[] = [];
  let n = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const template of templates) {
      const f = faker[LOCALES[n % LOCALES.length]!];
      f.seed(seedOffset + ++n);
      const person = { first: f.person.firstName(), last: f.person.lastName() };
      let text = '';
      let last = 0;
      const spans: Sample['spans'] = [];
      for (const m of template.matchAll(/\{\{(\w+)\}\}/g)) {
        text += template.slice(last, m.index);
        const v = value(f, m[1]!, person);
        spans.push({ entity_type: m[1]!, start_position: text.length, end_position: text.length + v.length });
        text += v;
        last = m.index + m[0].length;
      }
      samples.push({ full_text: text + template.slice(last), spans });
    }
  }
  return samples;
}
