import { createDetector } from '../../plugins/pii-sanitizer/detect';

const detector = createDetector();
const addresses = (text: string) => detector.detect(text).filter((f) => f.category === 'address').map((f) => f.value);

describe('an address announced without "is" or a colon, or in another language', () => {
  it.each([
    ['exp 09/27, billing address Lundbergs Väg 87. The bank says there is no block.', 'Lundbergs Väg 87'],
    ['member ID 00419387, address on file Annepark 526b. Please stop the direct debit.', 'Annepark 526b'],
    ['commande n° FR-88213-07 : la nouvelle adresse est Lehtinenpenger 1 C 3.', 'Lehtinenpenger 1'],
    ['- new address will be Incrocio Salvadori 95, Piano 2\n- keep her old mobile', 'Incrocio Salvadori 95, Piano'],
    ["Bonjour, j'habite au 14 Meadow View et je souhaite résilier mon abonnement.", '14 Meadow View'],
    ['El siniestro ocurrió en mi domicilio, 167 Zboncak Ports, hace un mes.', '167 Zboncak Ports'],
    ['hiermit kündige ich die Wohnung in der 7218 Hegedüs Trail zum Ende des Jahres.', '7218 Hegedüs Trail'],
    ["le confermo la visita dell'appartamento in 4454 Lebsack Landing per sabato.", '4454 Lebsack Landing'],
    ['Your order has shipped and will arrive at 2883 Natasa Ranch within 5 business days.', '2883 Natasa Ranch'],
    ['We have updated your address to 87 Oscar Loop as requested.', '87 Oscar Loop'],
    ['{"ship_to": "1801 Sawayn Wells", "email": "m@example.org"}', '1801 Sawayn Wells'],
    ['I want to update my primary and secondary address to the same: Lublaňská 903', 'Lublaňská 903'],
    ['El siniestro ocurrió en Riera Ricardo Enríquez, 7, hace un mes.', 'Riera Ricardo Enríquez, 7'],
  ])('%s', (text, address) => {
    expect(addresses(text).some((found) => found.startsWith(address))).toBe(true);
  });

  it.each(['The IP address is Version 6', 'the address on file Version 6 of the form', 'my email address is on file with you', 'the billing address Python 3 release', 'My address bar shows: Chrome 120', 'my address space layout: Kernel 5'])(
    'finds none in %s',
    (text) => {
      expect(addresses(text)).toEqual([]);
    },
  );
});

describe('another language’s "address" of a mail box, a site or a machine', () => {
  it.each([
    'Indirizzo IP: Router 1',
    'Dirección IP: Router 1',
    'L’adresse e-mail est Gmail 2',
    'Die E-Mail-Adresse ist Pflichtfeld 1.',
    'Adres strony: Allegro 2',
    'L’adresse du serveur est Tomcat 9',
  ])('finds none in %s, as the English "IP address:" finds none', (text) => {
    expect(addresses(text)).toEqual([]);
  });

  it.each([
    ['Meine Adresse ist Hauptstraße 5', 'Hauptstraße 5'],
    ['Adresse de livraison : Lindenweg 4', 'Lindenweg 4'],
    ['Il mio indirizzo è Marconi 10', 'Marconi 10'],
  ])('still finds a home’s in %s', (text, address) => {
    expect(addresses(text)).toEqual([address]);
  });
});

describe('a street word that ends a domain or a line is no street', () => {
  it('a domain’s ".pl" or a "Place" at a line’s end before the next line’s number', () => {
    expect(addresses('jan.nowak@firma.pl | sklep.pl\nVAT No. GB 123 4567 89')).toEqual([]);
    expect(addresses('Meeting place\nRoom 204')).toEqual([]);
    expect(addresses('Via Garibaldi 14, Torino')).toEqual(['Via Garibaldi 14, Torino']);
  });
});
