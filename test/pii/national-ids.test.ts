import { createDetector } from '../../plugins/pii-sanitizer/detect';

const detector = createDetector();
const ids = (text: string) => detector.detect(text).filter((f) => f.category === 'national_id').map((f) => f.value);

describe('national identifiers: checked as their issuers check them, digits alone only beside their name', () => {
  it('finds the shapes no other number has wherever they stand, and only with a valid check', () => {
    for (const [text, value] of [
      ['My NI number is AB 12 34 56 C.', 'AB 12 34 56 C'],
      ['Please update AB123456C on the payroll', 'AB123456C'],
      ['Datos: 54362315K, Madrid', '54362315K'],
      ['mi DNI es 54362315k', '54362315k'],
      ['Residente con X2482300W', 'X2482300W'],
      ['Intestatario RSSMRA85T10A562S', 'RSSMRA85T10A562S'],
      ['Assuré : 2 95 10 99 126 111 93', '2 95 10 99 126 111 93'],
      ['Cliente 529.982.247-25 pediu reembolso', '529.982.247-25'],
      ['Potilas 131052-308T soitti', '131052-308T'],
      ['Versicherter 756.1234.5678.97', '756.1234.5678.97'],
      ['Solicitante BOXW310820HNERXN09', 'BOXW310820HNERXN09'],
      ['Applicant A123456(3) at the counter', 'A123456(3)'],
      ['ผู้สมัคร 1-1017-00203-45-0', '1-1017-00203-45-0'],
      ['Please update S1234567D in HR', 'S1234567D'],
      ['Cliente 12.345.678-5', '12.345.678-5'],
      ['Empleado 20-12345678-6', '20-12345678-6'],
    ]) {
      expect([text, ids(text)]).toEqual([text, [value]]);
    }
    // Code's literals, builds' dates, a batch's serials, a form's filler: no one's number.
    for (const text of ['long TIMEOUT = 30000000L;', 'MAX_AGE_MS = 36000000d;', 'Release 240315-0070 deployed', 'Batch 240315-01-0001 shipped', 'ex.: 111.111.111-11', 'NAS backup job 046 454 286 finished', 'RUN echo 12345678-5']) {
      expect([text, ids(text)]).toEqual([text, []]);
    }
    // A value that ends in a letter is no group of the number after it.
    expect(ids('DNI: 12345678Z 28 años, Madrid')).toEqual(['12345678Z']);
    // One character or digit off: the check fails.
    for (const text of ['Please update S1234567E in HR', 'Cliente 12.345.678-4', 'Empleado 20-12345678-5', 'Datos: 54362315Z', 'Intestatario RSSMRA85T10A562T', 'Cliente 529.982.247-24', 'Potilas 131052-308U', 'AB 12 34 56 E', 'QQ 12 34 56 C']) {
      expect([text, ids(text)]).toEqual([text, []]);
    }
  });

  it('finds numbers of digits alone only beside their name, in the languages they are written in', () => {
    for (const [text, value] of [
      ['BSN van de klant: 111222333', '111222333'],
      ['Burgerservicenummer 1112.22.333', '1112.22.333'],
      ['SIN: 046 454 286', '046 454 286'],
      ['numéro d’assurance sociale 046-454-286', '046-454-286'],
      ['Personnummer 811228-9874', '811228-9874'],
      ['Personnummer: 8112289874', '8112289874'],
      ['personnummer 198112289874', '198112289874'],
      ['PESEL: 44051401359', '44051401359'],
      ['Steuer-ID 36 574 261 809', '36 574 261 809'],
      ['Aadhaar no. 2345 6789 0124', '2345 6789 0124'],
      ['PAN: ABCPE1234F', 'ABCPE1234F'],
      ['CPR-nummer 211062-5629', '211062-5629'],
      ['fødselsnummer 15108695088', '15108695088'],
      ['Rijksregisternummer 85.07.30-033.28', '85.07.30-033.28'],
      ['T.C. Kimlik No: 17291716060', '17291716060'],
      ['CNP 1630615123457', '1630615123457'],
      ['身份证号码 11010519491231002X', '11010519491231002X'],
      ['주민등록번호 971013-9019902', '971013-9019902'],
      ['NHS number 401 023 2137', '401 023 2137'],
      ['patient nhs no: 4010232137', '4010232137'],
      ['My Number: 1234 5678 9018', '1234 5678 9018'],
      ['身分證字號 A123456789', 'A123456789'],
      ['No. KP 770305-02-1230', '770305-02-1230'],
      ['CNIC 35202-1234567-1', '35202-1234567-1'],
      ['身份证号 11010519491231002x', '11010519491231002x'],
      ['ITIN 912-70-1234', '912-70-1234'],
      // Scripts written without blanks run a number on into the sentence.
      ['私のマイナンバーは123456789018です', '123456789018'],
      ['身份证号码11010519491231002X，谢谢', '11010519491231002X'],
    ]) {
      expect([text, ids(text)]).toEqual([text, [value]]);
    }
    // The same digits without their name are a phone, an order or nothing; an acronym in lower case is a word.
    for (const text of ['Order 111222333 shipped', 'Ticket 44051401359', 'ref 2345 6789 0124', 'the pan ABCPE1234F', 'my sin 046 454 286']) {
      expect([text, ids(text)]).toEqual([text, []]);
    }
    // Named, but the check fails.
    expect(ids('BSN: 111222334')).toEqual([]);
    expect(ids('PESEL: 44051401358')).toEqual([]);
    expect(ids('NHS number 401 023 2138')).toEqual([]);
    expect(ids('My Number: 1234 5678 9017')).toEqual([]);
    // An ITIN's middle digits in a range the IRS does not issue; "my number" in lower case is a phone's.
    expect(ids('ITIN 912-69-1234')).toEqual([]);
    expect(ids('my number is 1234 5678 9018')).toEqual([]);
    // The documentation's examples and the range kept for tests are issued to no one.
    expect(ids('NHS number 943 476 5919, or 987 654 4321, or 999 000 0018')).toEqual([]);
  });

  it("reads a table's column named for an identifier however far below its header, by the identifier's check", () => {
    const filler = Array.from({ length: 12 }, (_, i) => `Klant ${i},,Utrecht`).join('\n');
    expect(ids(`naam,bsn,stad\n${filler}\nPiet,123456782,Delft\nJan,123456783,Delft`)).toEqual(['123456782']);
    const rows = Array.from({ length: 8 }, (_, i) => `P${i}|pending|01/01/1990`).join('\n');
    expect(ids(`PATIENT|NHS_NO|DOB\n${rows}\nP9|401 023 2137|01/01/1990`)).toEqual(['401 023 2137']);
    // A column of another name holds no identifier, nor does a header that only starts with an acronym's letters.
    expect(ids(`naam,order,stad\n${filler}\nPiet,123456782,Delft`)).toEqual([]);
    expect(ids(`naam,bsnr,stad\n${filler}\nPiet,123456782,Delft`)).toEqual([]);
  });

  it('reads no identifier out of a longer number', () => {
    expect(ids('Aadhaar linked card 2345 6789 0124 5678')).toEqual([]);
    expect(ids('BSN 9111222333')).toEqual([]);
    expect(ids('CPF 1529.982.247-25')).toEqual([]);
  });

  it("finds a passport's or a driving licence's number after its label, with digits or, a licence's, of capitals alone", () => {
    for (const [text, value] of [
      ['Passport No.: X1234567', 'X1234567'],
      ['passport number is X12-34567', 'X12-34567'],
      ["Driver's license: 1EQB09F4", '1EQB09F4'],
      ['Führerscheinnummer B072RRE2I55', 'B072RRE2I55'],
      ['numéro de passeport : 18AV12345', '18AV12345'],
      ['the other driver was Inga Berg, license 4CPRJNHQ, insurance with Geico', '4CPRJNHQ'],
      ['Licence No.: K86HU8U1 State: Texas', 'K86HU8U1'],
      ['I lost my wallet with my license 51YCVFBA in it', '51YCVFBA'],
      ['For the DMV form: license F1WB64NX, ZIP 82345', 'F1WB64NX'],
      ["provided a driver's license (50F8CZ82) as proof", '50F8CZ82'],
      ['My license number is JSWKFCBJ and I live in Natal', 'JSWKFCBJ'],
      ['Número de pasaporte: PAA123456', 'PAA123456'],
      ['Pass-Nr.: C01X00T47', 'C01X00T47'],
      ['{"passport": "X1234567"}', 'X1234567'],
      ['**Passport No.:** X1234567', 'X1234567'],
      ['| Passport | X1234567 |', 'X1234567'],
      ["Driver's License Number - D1234567", 'D1234567'],
      ['DL: D1234567', 'D1234567'],
      ["my driver's license is d1234567", 'd1234567'],
    ]) {
      expect([text, ids(text)]).toEqual([text, [value]]);
    }
    for (const text of ['Passport: 50 pages', 'my passport is valid until next year', "driver's license renewal", 'Passwort: Sommer2024!', 'MIT license 2.0', "Driver's license: REQUIRED", "Driver's license: EXPIRED", 'my license expired in 2024', 'Passport: ABCDEFGH', 'License: APACHE',
      // A library's word, a software licence, a state, a placeholder or a word of another language after the label.
      'How do I configure Laravel Passport OAuth2 clients?', 'Set up passport jwt2fa', 'my license is GPL-3.0', 'This Linux driver is released under license GPLv2.',
      "Driver's license: CALIFORNIA", "Driver's license: REDACTED", 'Führerschein ENTZOGEN']) {
      expect([text, ids(text)]).toEqual([text, []]);
    }
  });

  it('finds a number found once wherever else the text repeats it', () => {
    expect(ids("Driver's license: 4CPRJ9NH. Please check that 4CPRJ9NH matches; 4CPRJ9NHX is another")).toEqual(['4CPRJ9NH', '4CPRJ9NH']);
    // Capitals alone are spread to no other word, nor digits short enough to be amounts.
    expect(ids("Driver's license: MUNZGMAZ. Please check that MUNZGMAZ matches")).toEqual(['MUNZGMAZ']);
    expect(ids('Passport No. 100000 was issued. Salary: 100000 USD')).toEqual(['100000']);
    const far = 'The form was sent to the office on Monday, and the clerk asked for a copy of every page we signed. ';
    expect(ids(`BSN: 111222333. ${far}Later they typed 111222333 into the form.`)).toEqual(['111222333', '111222333']);
    expect(ids(`Order 111222333. ${far}`)).toEqual([]);
  });
});
