import { createDetector } from '../../plugins/pii-sanitizer/detect';

const detector = createDetector();
const phones = (text: string) => detector.detect(text).filter((f) => f.category === 'phone').map((f) => f.value);

describe('a number given as a phone by the words around it', () => {
  it.each([
    ['{"email":"a@b.example","phone":"62449189"}', '62449189'],
    ['const contact = {\n  phone: "49703563",\n};', '49703563'],
    ['Endereço: Rua Augusta, 2; Celular: 994796359; E-mail: d@x.example', '994796359'],
    ['Callback 985101207.', '985101207'],
    ['She can be contacted on 66414791.', '66414791'],
    ['and the number she left is 0506590', '0506590'],
    ['Driver will text 609 293 521 on arrival.', '609 293 521'],
    ['Deliver to reception, call 089101740.', '089101740'],
    ['Può richiamarmi al 980-983-147 o scrivermi', '980-983-147'],
    ['Per disdire chiamare il 98686240.', '98686240'],
    ['Scrivimi su WhatsApp al 610 717, il vecchio numero non lo uso più.', '610 717'],
    ['Mój numer telefonu to (00874) 2339449.', '(00874) 2339449'],
    ['Mijn nieuwe nummer is 0793146895. Groeten', '0793146895'],
    ['kun je me appen op (0262) 919947669. Fijne dag!', '(0262) 919947669'],
    // A promise to text or call, a helpline's or a messenger's label, a call from a number, an office's number before a clause.
    ["We'll text 094 700 when it's ready.", '094 700'],
    ['She’ll call 467 3395 after lunch', '467 3395'],
    ['Helpline: 031842742', '031842742'],
    ['Switchboard 94669405 / Direct line 192 18 830', '94669405', '192 18 830'],
    ['Telegram / Viber: 58311404', '58311404'],
    ['A man calling from 56-898-47-67 claimed to be from the bank.', '56-898-47-67'],
    ['Our office number is 177 432 if you need to cancel.', '177 432'],
    // Someone reached some words before "unter", a team or a desk called, a label saying whose line it is.
    ['Herr Lindqvist ist dienstags und freitags erreichbar unter 44812093.', '44812093'],
    ['Sie erreichen das Sekretariat vormittags unter 71902263.', '71902263'],
    ['If the parcel is late, contact our returns team on 660 214.', '660 214'],
    ['Questions? Contact the IT helpdesk at 447 391.', '447 391'],
    ['Phone (mobile): 55190374\nEmail: k@x.example', '55190374'],
    ['Our catering contact is Ines Baptista on 61183920.', '61183920'],
    ['He spent the morning calling the supplier (733 508 214) about the delay.', '(733 508 214)'],
    // A phone's own label before a bare number, whatever words follow; an office reached through, on a number.
    ['The truck never arrived, driver phone 934152883 goes to voicemail.', '934152883'],
    ['Telefon 02088843 ist dauernd besetzt.', '02088843'],
    ['Concerns may be raised via the school office on 996.375.948 or by email.', '996.375.948'],
    // A number nobody answers, a shop's footer's questions, a line that becomes a number, someone who is on one.
    ['waited 45 min, nobody answered 15444714', '15444714'],
    ["she has the only key and isn't answering 02088843", '02088843'],
    ['Subtotal 139.97, shipping 4.95\nQuestions? 0701015985', '0701015985'],
    ['Desk phones keep their extensions, the main line becomes 80240820.', '80240820'],
    ["Send the contract to Mona in legal, she's on (0590) 065648842.", '(0590) 065648842'],
    ['Ring me back: 901674880.', '901674880'],
    ['You can contact me at t.k@hrnet.example or on 050 250.', '050 250'],
    // Called from a number, and called, in the languages prompts come in.
    ['O cliente ligou do número 28963585 reclamando da cobrança', '28963585'],
    ['Per assistenza chiamate il 601 271 096 dal lunedì al venerdì.', '601 271 096'],
    ['Ring mig gärna på 70404573.', '70404573'],
    // Buzzed, hit up, would call, phoned, for bookings called; questions and a number said to be a team's.
    ["Buzz me on 45521794 before the 11 o'clock viewing.", '45521794'],
    ["Hit me up at (0144) 154400114, I don't really check email.", '(0144) 154400114'],
    ['Muñiz said someone would call 928194856 within 48h.', '928194856'],
    ['For bookings call 70515958; groups of 8+ use option 2.', '70515958'],
    ["I've now phoned 958 394 858 SEVEN times about case 20240419-221.", '958 394 858'],
    ['Price 54.85. Questions: 13056503, ask for Silje.', '13056503'],
    ['O boleto do pedido 40213 vence amanhã. Dúvidas: (0386) 812861252.', '(0386) 812861252'],
    ['Is 56019308 really your fraud team? They asked for my PIN.', '56019308'],
    ['Vid frågor når ni mig på 920522746. Mvh César', '920522746'],
    ['Ich bin unter 17777931 oder per E-Mail erreichbar.', '17777931'],
    ['Puertollano, 47070\nEmergency: 927818494', '927818494'],
    // A review's cases: "a lot" is no lot's label; a phone after a run of equal groups is its own.
    ['Thanks a lot 415-555-0133 is fine', '415-555-0133'],
    ['ids 9400 1118 9922 3344 5566 77 415.555.0133', '415.555.0133'],
  ])('%s', (text, ...phone) => {
    expect(phones(text)).toEqual(phone);
  });

  // Written apart from any set the bench measures: a person called by a name with an initial, a role or commas, or typed
  // in lower case; a number said to be one's after it; a card's labels that need their colon.
  it.each([
    ['Please ring Jan K. Vermeulen on 61837205 before noon.', '61837205'],
    ['For the keys, phone the porter, Olu, at 704 116.', '704 116'],
    ['Contact duty nurse Abebe at 0723918', '0723918'],
    ['just ring femke de wit on 62004817', '62004817'],
    ['Is 27 94 51 08 still the best number for you?', '27 94 51 08'],
    ['53018826 is my new number, save it', '53018826'],
    ['77312450, that’s my number', '77312450'],
    ['please move my number 92837461 to the new plan', '92837461'],
    ['Hotel Fjord\nReception: 410 992\nE: stay@fjord.example', '410 992'],
    ['Front desk: 0410992', '0410992'],
    ['Emergency contact: 0612887', '0612887'],
    ['I rang 301 552 907 twice this morning.', '301 552 907'],
    ['Stop texting me from 49920178!', '49920178'],
    // A card's one-letter labels, a contact's label before the person and the number, an extension after a bare number.
    ['Nordvik Bygg AS\nT 55210943\nE: post@nordvik.example', '55210943'],
    ['Emergency contact: Ilse (sister), 0622901', '0622901'],
    ['You can reach me directly at 47110385 ext. 12.', '47110385 ext. 12'],
  ])('%s', (text, phone) => {
    expect(phones(text)).toEqual([phone]);
  });

  it('not a number said to be another identifier’s, nor one a verb of calling does not give', () => {
    expect(phones('Is 60042871 still the tracking number for the parcel?')).toEqual([]);
    expect(phones('The order is 60042871 and it shipped.')).toEqual([]);
    expect(phones('Call the function at 12 times per second.')).toEqual([]);
    expect(phones('Our record: 48291734 rows were written.')).toEqual([]);
    expect(phones('Contact: see the sheet, row 12345678')).toEqual([]);
    expect(phones('Part T 12345678 is out of stock')).toEqual([]);
    // A review's texts that the cues first took: numbers of maths, reports, titles and surveys.
    for (const text of [
      'Prove that 73939133 is a prime number.', 'Excel tip: 1048576 is the max number of rows', '4829173 is my lucky number',
      'Organic: 3120455\nDirect: 4829173\nReferral: 912834', 'Contact: John Smith, Order #48291734',
      'Call of Duty Warzone peaked at 491 670 concurrent players', 'call stack overflowed on 48291734',
      'cell 12345678 in the sheet is empty', 'the mobile 1234567 users saw it', 'via the office on 12 03 2024',
      "he's on 150 mg daily", 'Questions? 42 people asked', 'Tracking number 9400 1118 9922 3344 5566 77: out for delivery',
      'Lot 2319 0457 18, best before 11/2025', 'Statement line: 12/02 POS IKEA 117 289.00', 'SHELL 0412 45.60',
      'Emergency: 2024-05-12', 'To scale, run 12345678 jobs', 'result = [0 100 200 300 400 500 600 700 800 900]',
      'Write code to remove the last digit from the number 48213374.', 'search for the text 48213374 in the logs',
      "I'm on 48213374 steps this year", 'Total questions: 4821337', 'telephone 4829173 subscribers', 'Our phone 4829173 users were migrated',
      'In the survey we called 245 789 households', 'W: 48291734\nL: 23918221', 'My number 4829173 x 2 = 9658346',
    ]) {
      expect([text, phones(text)]).toEqual([text, []]);
    }
  });

  it('a German landline labelled so', () => {
    expect(phones('Handy: 987719965\nFestnetz: 915637743')).toEqual(['987719965', '915637743']);
  });
});

describe('numbers that are another identifier’s, whatever phone stands in the next field or sentence', () => {
  it.each([
    ['Ticket no. 220 2417738104\nContact phone: (10) 5165-5008', ['(10) 5165-5008']],
    ['insurance with geico, policy 6021-448-91. her phone +385 06 904 184.', ['+385 06 904 184']],
    ['Text from 00385 57 084 965: "Your parcel 7731 0042 9918 could not be delivered."', ['00385 57 084 965']],
    ['el número de seguimiento 1Z 4F7 A93 03 6621 8874 lleva una semana en aduanas', []],
    ['203.0.113.7 - - [12/Mar/2024:08:14:51 +0000] "POST /wp-login.php HTTP/1.1" 200 4521', []],
    ['int cell = 1234567;', []],
    ['order 4155550133', []],
    // A reference, an article's or a tax register's number, a compound's label, a book's ISBN-13.
    ['Order ref 5512-3390-18, app version 4.2.1.', []],
    ['Ref: 0207 118 4432', []],
    ['The white one, item no. 204.567.89, is out of stock.', []],
    ['PCN 6631 2209 4417 was issued at the retail park.', []],
    ['NIF: 503 112 874\nMorada: Rua das Flores 12', []],
    ['ABN 51 824 753 556', []],
    ['Mitgliedsnummer 224-9917, bitte zum Monatsende kündigen.', []],
    ['Mijn klantnummer is 0612 48 339.', []],
    ['Medlemsnummer: 4471 2290', []],
    ['Our product code 9783161484100 scans as a phone.', []],
    ['The ISBN-13 of the manual, 978-0-306-40615-7, is on the back.', []],
    ['What is the check digit of 979-10-90636-07?', []],
    ['Ref: call me on 0161 496 0018', ['0161 496 0018']],
    ['My cell is 978 555 0142.', ['978 555 0142']],
    ['Item 3: ring the office on 020 7946 0018', ['020 7946 0018']],
    ['Sie erreichen uns unter der Adresse Hauptstr. 5, 10115 Berlin.', []],
    ['Contact the sales team at 10:30 tomorrow.', []],
    ['We kept calling the function (0x7fff5fbff8) in a loop.', []],
    ['I called the office (09:00-17:00) twice.', []],
  ])('%s', (text, expected) => {
    expect(phones(text)).toEqual(expected);
  });
});

describe('review: a quoted field’s key and the letters and digits before a number', () => {
  it.each(['{"graph": "62449189"}', '{"paragraph":"62449189"}', '{"hotel": "62449189", "stars": 4}', "morph: '62449189'"])(
    'a key that only ends as a phone’s label does is none: %s',
    (text) => {
      expect(phones(text)).toEqual([]);
    },
  );

  it.each([
    ['{"homePhone": "62449189"}', '62449189'],
    ['{"contact_phone": "62449189"}', '62449189'],
    ['{"cellphone": "62449189"}', '62449189'],
  ])('a phone’s key with a qualifier: %s', (text, phone) => {
    expect(phones(text)).toEqual([phone]);
  });

  it.each([
    ['Call me after 6pm 555-123-4567.', '555-123-4567'],
    ['Ring me at 9am 07700 900123', '07700 900123'],
    ['phone2 0412 345 678', '0412 345 678'],
    ['Tel1 020 7946 0018', '020 7946 0018'],
  ])('a time or a numbered label is no code’s first part: %s', (text, phone) => {
    expect(phones(text)).toEqual([phone]);
  });
});

describe('a flat’s number or a postcode before a phone is no code', () => {
  it.each([
    ['Flat 3B 07700 900123', '07700 900123'],
    ['London SW1A 2AA 020 7925 0918', '020 7925 0918'],
  ])('%s', (text, phone) => {
    expect(phones(text)).toEqual([phone]);
  });

  it.each([
    ['Flat 3B SW1A 2AA 07700 900123', '07700 900123'],
    ['Apt 4 EH1 1YZ 0131 496 0000', '0131 496 0000'],
    ['Unit 12 M5V 3L9 416 555 0123', '416 555 0123'],
    ['Suite 200 V6B 1A1 604 555 0101', '604 555 0101'],
  ])('a flat’s number and a postcode, three groups, are no code either: %s', (text, phone) => {
    expect(phones(text)).toEqual([phone]);
  });

  it('a tracking number’s groups still are one', () => {
    expect(phones('Tracking: 1Z 4F7 A93 03 6621 8874')).toEqual([]);
  });
});

describe('phones told in more ways, and numbers that only look like one', () => {
  it.each([
    ['Ich bitte um Rückruf unter 970359272 oder eine Antwort per Mail.', '970359272'],
    ['I called from my phone, 970004441, the number she gave me.', '970004441'],
    ['My contact: 929596617. Please keep it short.', '929596617'],
    ["En cas de souci, appeler l'artisan au 988292583.", '988292583'],
    ['In caso di imprevisti mi può contattare al 940658702.', '940658702'],
    ['Our accounts team has called your office at 736 696 234 twice.', '736 696 234'],
    ['She wants a call back on 12495032, not the switchboard.', '12495032'],
    ['Please call me urgently on 06580511.', '06580511'],
    ['Garage contact is 02720492.', '02720492'],
    ['Quedo a su disposición en el teléfono 086459737 o en el correo.', '086459737'],
    ['Give the alternative contact Emilie Vedvik on 43386471.', '43386471'],
  ])('%s', (text, phone) => {
    expect(phones(text)).toEqual([phone]);
  });

  it.each([
    ['a dated ticket number', 'fixed a bug where ticket numbers like 2024-06-1187 were parsed as dates'],
    ['an invoice number after "Nr."', 'anbei die Rechnung Nr. 2024-117. Bitte überweisen Sie den Betrag.'],
    ['an NHS number (its mod-11 check holds) beside the NHS', 'Please check the NHS number 943 476 5919 for Keith Mills.'],
    ['a column named for another number', 'PATIENT_NAME|NHS_NO|DOB\nKeith Mills|401 023 2137|Wed Oct 01 2025'],
    ['calling code, not a phone', 'I called the function at 12345678 offsets.'],
  ])('%s is none', (_what, text) => {
    expect(phones(text)).toEqual([]);
  });

  it('a column of a phone’s number by its short word or by whose it is still holds phones', () => {
    expect(phones('Name | Mob No\nRavi Kumar | 98765 43210')).toEqual(['98765 43210']);
    expect(phones('Name,Ph No\nAsha Rao,9123456789')).toEqual(['9123456789']);
    expect(phones('Name | Emergency Number\nRavi Kumar | 07700 900123')).toEqual(['07700 900123']);
    expect(phones('Name | Alternate Number\nJo Bloggs | 020 7946 0958')).toEqual(['020 7946 0958']);
  });

  it('a column of "Number" or "Contact number" still holds phones', () => {
    expect(phones('Contact | Number\nPlumber | 02 8903 0001\nElectrician | 0483 544 750')).toEqual(['02 8903 0001', '0483 544 750']);
  });

  it('a column named for a contact holds phones where its cells are numbers, not the dates someone was contacted', () => {
    expect(phones('| Driver | Licence check | Contact |\n|---|---|---|\n| Ana Lima | done | 24082066 |\n| Bo Ek | overdue | 0336062543 |')).toEqual(['24082066', '0336062543']);
    expect(phones('name,emergency contact\nAna,61183920')).toEqual(['61183920']);
    expect(phones('| Customer | Contact |\n|---|---|\n| Acme | ops@acme.example |\n| Beta | 2024-01-15 |')).toEqual([]);
    expect(phones('| Name | Phone |\n|---|---|\n| Ana | 15.01.2024 |')).toEqual([]);
  });
});

describe('a phone told by a line, a SIM, a dial-in or the hours it is open; a short reference is none', () => {
  it.each([
    ['Please contact the undersigned on 041722908 for the keys.', '041722908'],
    ['The prepaid line 068213957 stopped working after the top-up.', '068213957'],
    ['Move the SIM for 58 19 33 07 to my husband.', '58 19 33 07'],
    ['Dial in via 716203948, then press 2.', '716203948'],
    ['Vragen? Bel 61203395.', '61203395'],
    ['The hotline (0771920) never answers.', '0771920'],
    ['Her fax, 449 208, is still on the website.', '449 208'],
    ['Boarding closes at 06:50; call 028 771 if you are late.', '028 771'],
    ['We called 778402196 three times and nobody answered.', '778402196'],
    ['Reception: 72055813 (Mon-Sat)', '72055813'],
    ['T: 021 4468821 | M: 01 7723900\nE: j.v@example.org', '021 4468821', '01 7723900'],
    ['Per informazioni chiamare il numero 0399127.', '0399127'],
    ['Merci de rappeler Mme Roux au 0488102 demain.', '0488102'],
  ])('%s', (text, ...phone) => {
    expect(phones(text)).toEqual(phone);
  });

  it('not a voucher’s, a case’s, a contract’s, a VAT number’s, a reference’s with a leading "00", nor a field under a phone’s', () => {
    for (const text of [
      'The voucher 5530 1187 2290 did not work at the till.',
      'Refund issued (case 204-117-3), allow 5 days.',
      'Please check contract 5512-776 before Friday.',
      'VAT No. DE 219 4471 03',
      'Your ticket is 0071-442.',
      'Settled on 2024-03-02, ref 0042-1187.',
      'Telefon: 0660179685\nKundennummer: 4400-1187',
      'Just in case: nothing to report.',
    ]) {
      expect([text, phones(text).filter((p) => p !== '0660179685')]).toEqual([text, []]);
    }
    // A number dialled abroad with "00" and a country's code is still one.
    expect(phones('Call me on 0045 32 88 19 04 tomorrow.')).toEqual(['0045 32 88 19 04']);
    // In a chat, a speaker's name before the number is no other number's label.
    expect(phones('bot: And your registered phone?\nuser: (00855) 3963196')).toEqual(['(00855) 3963196']);
  });
});
