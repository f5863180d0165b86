import { createDetector } from '../../plugins/pii-sanitizer/detect';

const detector = createDetector();
const found = (text: string) => detector.detect(text).map((f) => [f.category, f.value]);
const categories = (text: string) => detector.detect(text).map((f) => f.category);

describe('PII detectors: valid values, invalid look-alikes, values in context', () => {
  it('emails', () => {
    expect(found('write to jane.doe+billing@example.co.uk today')).toEqual([['email', 'jane.doe+billing@example.co.uk']]);
    expect(categories('not an email: jane@@example or user@localhost')).not.toContain('email');
  });

  it('credit cards need Luhn and a known issuer range', () => {
    expect(found('card 4111 1111 1111 1111 expires soon')).toEqual([['credit_card', '4111 1111 1111 1111']]);
    expect(found('amex 378282246310005')).toEqual([['credit_card', '378282246310005']]);
    expect(categories('order 4111 1111 1111 1112 shipped')).not.toContain('credit_card');
    expect(categories('tracking 9111111111111111')).not.toContain('credit_card');
  });

  it('IBANs need the country length and mod-97', () => {
    expect(found('pay to GB82 WEST 1234 5698 7654 32 please')).toEqual([['iban', 'GB82 WEST 1234 5698 7654 32']]);
    expect(found('DE89370400440532013000')).toEqual([['iban', 'DE89370400440532013000']]);
    expect(categories('GB83 WEST 1234 5698 7654 32')).not.toContain('iban');
  });

  it('US SSNs in valid ranges; bare nine digits only with context', () => {
    expect(found('my SSN is 123-45-6789')).toEqual([['ssn', '123-45-6789']]);
    expect(categories('000-12-3456 and 666-12-3456 and 900-12-3456')).not.toContain('ssn');
    expect(found('social security number 123456789')).toEqual([['ssn', '123456789']]);
    expect(categories('invoice 123456789 attached')).not.toContain('ssn');
  });

  it('IPv4 and IPv6, strictly parsed, not version numbers', () => {
    expect(found('server 192.168.10.25 is down')).toEqual([['ip', '192.168.10.25']]);
    expect(found('host 2001:db8::8a2e:370:7334 answers')).toEqual([['ip', '2001:db8::8a2e:370:7334']]);
    expect(categories('999.1.1.1 is not an address')).not.toContain('ip');
    expect(categories('upgrade to version 1.2.3.4 now')).not.toContain('ip');
  });

  it('phone numbers, international and local, not dates', () => {
    expect(found('call me on +44 20 7946 0958')).toEqual([['phone', '+44 20 7946 0958']]);
    expect(found('Phone: (415) 555-0133')).toEqual([['phone', '(415) 555-0133']]);
    expect(categories('born 1978-04-13 12:00')).not.toContain('phone');
  });

  it('URLs with credentials', () => {
    expect(found('db at postgres://admin:s3cr3t@db.internal:5432/app')).toEqual([['url_credentials', 'postgres://admin:s3cr3t@db.internal:5432']]);
  });

  it('secrets: known formats, PEM keys, JWTs, random values assigned to secret names', () => {
    expect(categories('export GITHUB_TOKEN=ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789')).toEqual(['secret']);
    expect(categories('-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----')).toEqual(['secret']);
    expect(categories('token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U')).toEqual(['secret']);
    expect(categories('API_KEY = "951bc382db9abad29c68634761dd6e19"')).toEqual(['secret']);
    expect(categories('password = "changeme"')).toEqual([]);
    expect(categories('commit 3f786850e387550fdab836ed7e6dc881de23001b fixed it')).toEqual([]);
    expect(categories('request id 7c9e6679-7425-40de-944b-e07fc1f90ae7')).toEqual([]);
  });

  it('person names from titles, phrases and given names', () => {
    expect(found('Please correct it to Dr. Cettina Fanucci?')).toContainEqual(['person', 'Cettina Fanucci']);
    expect(found('Hello, my name is Jonas Nielsen.')).toContainEqual(['person', 'Jonas Nielsen']);
    expect(categories('The quarterly report is ready for review.')).not.toContain('person');
  });

  it('street addresses', () => {
    expect(categories('ship it to 221 Baker Street, Apt. 4')).toContain('address');
    expect(categories('Rua do Arenque 1634')).toContain('address');
  });

  it('custom patterns, the allow-list, and offsets that slice back to the value', () => {
    const custom = createDetector({ custom: [{ name: 'employee_id', pattern: 'EMP-\\d{6}' }], allow: { patterns: ['[^@]+@ourcompany\\.com'] } });
    const text = 'EMP-123456 wrote to ops@ourcompany.com and bob@gmail.com';
    const findings = custom.detect(text);
    expect(findings.map((f) => [f.category, f.value])).toEqual([['employee_id', 'EMP-123456'], ['email', 'bob@gmail.com']]);
    for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.value);
    expect(() => createDetector({ custom: [{ name: 'bad', pattern: '(a+)+$' }] })).toThrow(/nested quantifier/);
  });
});
