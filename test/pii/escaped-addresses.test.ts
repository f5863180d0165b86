import { createDetector } from '../../plugins/pii-sanitizer/detect';

const detector = createDetector();
const of = (category: string, text: string) => detector.detect(text).filter((f) => f.category === category).map((f) => f.value);

describe('an "@" or a "+" escaped in a URL or an HTML page', () => {
  it('an email address with its "@" percent-encoded in a link is found whole, the escape inside it', () => {
    expect(of('email', 'Why does this link not work? https://links.shop-mail.com/unsubscribe?email=maria.gonzalez%40gmail.com&list=42')).toEqual([
      'maria.gonzalez%40gmail.com',
    ]);
    expect(of('email', 'https://app.acme.io/reset-password?user=maria.gonzalez%40GMAIL.com&token=8f3a9c')).toEqual(['maria.gonzalez%40GMAIL.com']);
    expect(of('email', 'jane%2Bnews%40gmail.com')).toEqual(['jane%2Bnews%40gmail.com']);
    // Encoded words before it are no part of it.
    expect(of('email', 'mailto:support@acme.io?body=From%3A%20maria.gonzalez%40gmail.com')).toEqual(['support@acme.io', 'maria.gonzalez%40gmail.com']);
    const text = 'next=%2Fhome&email=anna.berg%40example.org';
    const [email] = detector.detect(text);
    expect(text.slice(email!.start, email!.end)).toBe('anna.berg%40example.org');
  });

  it('HTML character references for "@"', () => {
    expect(of('email', '<td>Email:</td><td>maria.gonzalez&#64;gmail.com</td>')).toEqual(['maria.gonzalez&#64;gmail.com']);
    expect(of('email', 'maria.gonzalez&#x40;gmail.com')).toEqual(['maria.gonzalez&#x40;gmail.com']);
    expect(of('email', 'write to jane&commat;example.com')).toEqual(['jane&commat;example.com']);
  });

  it('a phone with its "+" encoded in a query string', () => {
    expect(of('phone', 'email=maria.gonzalez%40gmail.com&phone=%2B14155550132&name=Maria+Gonzalez')).toEqual(['%2B14155550132']);
    expect(of('phone', '<a href="tel:%2B14155550132">')).toEqual(['%2B14155550132']);
  });

  it('look-alikes stay unflagged; a URL\'s encoded password is still covered', () => {
    expect(of('email', 'discount 40%40 items, 100%40')).toEqual([]);
    expect(of('email', 'user%40localhost and a&#64;b')).toEqual([]);
    expect(of('phone', 'q=size%2B12&page=2')).toEqual([]);
    expect(of('phone', 'search?q=order%20123%20456%207890')).toEqual([]);
    // Both readings are kept: the typed one reaches over the password's encoded "@".
    const findings = detector.detect('https://user%40corp.com:p%40ss%21word@host.example.com/');
    expect(findings.some((f) => f.value.includes('p%40ss%21word'))).toBe(true);
  });
});
