import { createDetector } from '../../plugins/pii-sanitizer/detect';
import { RememberingDetector } from '../../plugins/pii-sanitizer/remembered-findings';
import { holdsCasedText } from '../../plugins/pii-sanitizer/detect/truecase';

/**
 * A route's memory of the texts it has read: a chat resends its system prompt and earlier turns with each request, and
 * they are read once. What it gives back is what the detectors give; what it keeps is no text and no value.
 */
const system = `You are the support assistant of Initech. Escalations go to Margarethe Okonkwo-Brandt (m.okonkwo@initech.co.uk, +44 20 7946 0958).
Refunds are paid to IBAN DE89 3704 0044 0532 0130 00. Never share the admin password: hunter2-Corr3ct-Horse!
`.repeat(2);

describe('remembered findings', () => {
  const detector = createDetector();

  it('gives a long text’s findings again, values and all, as new objects each time', () => {
    const memory = new RememberingDetector(detector);
    const first = memory.detect(system);
    expect(first.map((f) => f.category)).toEqual(expect.arrayContaining(['person', 'email', 'phone', 'iban', 'secret']));
    const recalled = memory.recall(system);
    expect(recalled).toEqual(detector.detect(system));
    expect(recalled![0]).not.toBe(first[0]);
    expect(memory.detect(system)).toEqual(first);
  });

  it('keeps neither the text nor its values', () => {
    const memory = new RememberingDetector(detector);
    memory.detect(system);
    const kept = JSON.stringify([...(memory as unknown as { memo: { entries: Map<string, unknown> } }).memo.entries]);
    for (const value of ['Okonkwo', 'm.okonkwo@initech.co.uk', '7946 0958', 'DE89', 'hunter2', 'Initech']) expect(kept).not.toContain(value);
    expect(kept).toContain('"category":"iban"');
  });

  it('does not remember short texts, and tells a text from one a character longer', () => {
    const memory = new RememberingDetector(detector);
    const short = 'Call Anna Berg at +44 20 7946 0958.';
    memory.detect(short);
    expect(memory.recall(short)).toBeUndefined();
    memory.detect(system);
    expect(memory.recall(`${system} `)).toBeUndefined();
    expect(memory.recall(system.slice(1))).toBeUndefined();
  });

  it('forgets the least recently used text first, past its bound', () => {
    const memory = new RememberingDetector(detector);
    memory.detect(system);
    for (let i = 0; i < 2_000; i++) memory.remember(`${system}${i}`, []);
    expect(memory.recall(system)).toBeUndefined();
    expect(memory.recall(`${system}1999`)).toEqual([]);
  });
});

describe('the text cased for the person and address rules', () => {
  it('is not kept once a text is read', () => {
    createDetector().detect('please send the contract to margarethe okonkwo at 12 baker street, london. thanks!');
    expect(holdsCasedText()).toBe(false);
  });
});
