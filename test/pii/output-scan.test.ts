import { createDetector } from '../../plugins/pii-sanitizer/detect';
import { transformWhole } from '../../plugins/core/bridge/transform-chain';
import { outputScanTransform } from '../../plugins/pii-sanitizer/output-transform';
import { applyFindings, PiiVault } from '../../plugins/pii-sanitizer/vault';
import { seededRandom } from '../mock-llm/random';

/**
 * Output mode scans a stream in windows: whatever the chunks, the client must get what scanning the whole answer
 * gives, and the audit the same counts. Random answers mix values of every kind (with blanks, in other scripts) into
 * filler, cut into random chunk sizes.
 */
const VALUES = [
  'jane.doe@corp-example.com',
  '4111 1111 1111 1111',
  '+1 415 555 2671',
  'DE89 3704 0044 0532 0130 00',
  '078-05-1120',
  '192.168.10.25',
  'postgres://admin:hunter2pass@db.example.com/x',
  'sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z',
  'John Smith',
  '221B Baker Street, London NW1 6XE',
  'jörg@example.com',
  // Longer than the window: recognised only whole.
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1LTg4MTIiLCJuYW1lIjoiTWFyeSBBbm4gU21pdGgiLCJlbWFpbCI6Im1hcnlAZXhhbXBsZS5jb20iLCJyb2xlcyI6WyJhZG1pbiIsIm9wcyJdLCJpYXQiOjE3MDAwMDAwMDB9.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
];
const WORDS = ['the', 'answer', 'is', 'here,', 'and', 'then', 'some', 'more', 'text.', '\n', 'ok', '1234', 'call', 'me', 'at', 'email:', 'card', 'number', '这是'];

describe('output mode on a stream', () => {
  it('masks what the whole answer masks, and counts the same, however the answer is cut', () => {
    const detector = createDetector();
    const random = seededRandom(7);
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
    for (let i = 0; i < 150; i++) {
      const words: string[] = [];
      const length = 20 + Math.floor(random() * 200);
      for (let j = 0; j < length; j++) words.push(random() < 0.06 ? pick(VALUES) : pick(WORDS));
      const answer = words.join(' ');
      const wholeVault = new PiiVault();
      const whole = applyFindings(answer, detector.detect(answer), () => 'redact', wholeVault);

      const vault = new PiiVault();
      const transform = outputScanTransform(detector, () => 'placeholder', vault);
      const size = 1 + Math.floor(random() * 12);
      let streamed = '';
      for (let k = 0; k < answer.length; k += size) streamed += transform.push(answer.slice(k, k + size));
      streamed += transform.flush();

      expect(streamed).toBe(whole);
      expect(vault.counts).toEqual(wholeVault.counts);
    }
  });

  it('keeps a token whole when what it holds reaches its bound, after a key armour named in prose', () => {
    const detector = createDetector();
    const jwt = VALUES.at(-1)!;
    for (let offset = 0; offset < 300; offset += 37) {
      const answer = `A PEM file starts with -----BEGIN and then base64. ${'Some more explanation follows here. '.repeat(455)}${'x'.repeat(offset)} your token is ${jwt} keep it safe.`;
      const transform = outputScanTransform(detector, () => 'redact', new PiiVault());
      let streamed = '';
      for (let k = 0; k < answer.length; k += 7) streamed += transform.push(answer.slice(k, k + 7));
      streamed += transform.flush();
      expect(streamed).not.toContain(jwt.slice(0, 40));
      expect(streamed).toContain('keep it safe.');
    }
  });

  it('masks a secret longer than what is held whole, without scanning it again at every token (it took seconds per 20 KB)', () => {
    const detector = createDetector();
    for (const [label, body] of [['password=', 'Zq8x'], ['Authorization: Bearer ', 'aB3xK9']] as const) {
      const secret = body.repeat(60_000 / body.length);
      const answer = `Here it is: ${label}${secret} and mail jane.doe@example.com today.`;
      const vault = new PiiVault();
      const transform = outputScanTransform(detector, () => 'redact', vault);
      let streamed = '';
      let scans = 0;
      const counting = { detect: (text: string) => (scans++, detector.detect(text)) } as typeof detector;
      const counted = outputScanTransform(counting, () => 'redact', new PiiVault());
      for (let k = 0; k < answer.length; k += 4) {
        streamed += transform.push(answer.slice(k, k + 4));
        counted.push(answer.slice(k, k + 4));
      }
      streamed += transform.flush();
      expect(streamed).toBe(`Here it is: ${label}[REDACTED] and mail [REDACTED] today.`);
      // Scans are bounded by the answer's length over the window, not by the square of the secret's.
      expect(scans).toBeLessThan(answer.length / 20);
    }
  });

  it('past the bound, masks values with blanks whole, as the whole answer does (only a run-on token is cut short)', () => {
    const detector = createDetector();
    const tail = ' Card 4111 1111 1111 1111 or phone +1 415 555 0100 or IBAN GB82 WEST 1234 5698 7654 32 were used. ';
    for (let pad = 0; pad < 60; pad += 7) {
      const answer = `Files that start with -----BEGIN are PEM. ${'word '.repeat(3230)}${'a '.repeat(pad)}${tail}And more words follow here to finish.`;
      const whole = outputScanTransform(detector, () => 'redact', new PiiVault());
      const expected = whole.push(answer) + whole.flush();
      const transform = outputScanTransform(detector, () => 'redact', new PiiVault());
      let streamed = '';
      for (let k = 0; k < answer.length; k += 4) streamed += transform.push(answer.slice(k, k + 4));
      expect(streamed + transform.flush()).toBe(expected);
    }
  });

  it("masks a table's last rows, far from its header, as the whole answer does, streamed or not", () => {
    const detector = createDetector();
    const names = ['Zorbek Quillfeather', 'Ilse Vantongeren', 'Marek Oszczak', 'Tiiu Saarepuu', 'Kwabena Owusu-Ansah', 'Yevgenia Pluzhnikova', 'Ngaire Te Whata', 'Oisin Mac Giolla'];
    const tables = [
      `The team:\n| Full name | Team |\n|---|---|\n${names.map((n, i) => `| ${n} | Platform ${i} |`).join('\n')}\n\nThat is all.`,
      `first_name,last_name,team\n${names.map((n, i) => `${n.split(' ').slice(0, 2).join(',')},Platform ${i}`).join('\n')}\n`,
      `| Env | User | Password |\n|---|---|---|\n${['staging', 'prod', 'qa', 'dev', 'perf', 'uat', 'demo'].map((e, i) => `| ${e} | app${i} | Summer202${i}! |`).join('\n')}\n`,
    ];
    for (const answer of tables) {
      const whole = applyFindings(answer, detector.detect(answer), () => 'redact', new PiiVault());
      expect(whole).not.toContain('Oisin');
      expect(whole).not.toContain('Summer2026!');
      expect(transformWhole([() => outputScanTransform(detector, () => 'redact', new PiiVault())], answer).client).toBe(whole);
      for (const size of [1, 5, 13]) {
        const transform = outputScanTransform(detector, () => 'redact', new PiiVault());
        let streamed = '';
        for (let k = 0; k < answer.length; k += size) streamed += transform.push(answer.slice(k, k + size));
        expect(streamed + transform.flush()).toBe(whole);
      }
    }
  });
});
