import { createDetector } from '../../plugins/pii-sanitizer/detect';

const detector = createDetector();
const persons = (text: string) => detector.detect(text).filter((f) => f.category === 'person').map((f) => f.value);

describe('words where a person’s name stands that name none', () => {
  it.each([
    ['a German closing’s adjective', 'ab jetzt bitte an die neue Adresse schicken. Liebe Grüße, Adriena Ševčíková', ['Adriena Ševčíková']],
    ['a phone’s label in a form', 'Caller: Serge Aubert\nCallback: +33 188229612\nLocation: Impasse des Lilas', ['Serge Aubert']],
    ['a landline’s German label', 'Handy: 987719965\nFestnetz: 915637743', []],
    ['a department signing', 'The invoice has been emailed.\n\nWarm regards,\nAccounts Receivable\nSotelo e Hijos', []],
    ['a business’s name after its label', 'Business name: Schroeder, Botsford and Abbott\nTIN: 53-8476800', []],
    ['a street named with a given name after its house number', 'address 359 Ashley Loop, phone +61 1 9158 9788', []],
    ['brands named with a title', 'Dr. Pepper or Mr. Pibb? And the Dr. Martens store at Westfield.', []],
  ])('%s', (_what, text, expected) => {
    expect(persons(text)).toEqual(expected);
  });

  it('a title before a brand’s word and a surname is still a person', () => {
    expect(persons('Dr. Martens Smith will see you now.')).toContain('Martens Smith');
    expect(persons('Customer Jane Doe called about her order.')).toContain('Jane Doe');
  });
});
