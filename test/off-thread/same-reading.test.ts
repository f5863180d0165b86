import fs from 'node:fs';
import path from 'node:path';
import { offThreadPool, preparedSetup } from '../../plugins/core/off-thread/pool';
import { createDetector, type DetectorOptions } from '../../plugins/pii-sanitizer/detect';
import { task as detectTask } from '../../plugins/pii-sanitizer/detect-task';
import { requestDetector } from '../../plugins/pii-sanitizer/read-findings';
import { RememberingDetector } from '../../plugins/pii-sanitizer/remembered-findings';
import { configSchema } from '../../plugins/prompt-guard/config';
import deepset from '../../plugins/prompt-guard/corpus/deepset.json';
import { Guard } from '../../plugins/prompt-guard/guard';
import { withOffThreadAbove } from '../support/off-thread-threshold';
import { REPO } from '../support/paths';

jest.setTimeout(120_000);

/**
 * A large prompt is read in a worker thread by the same code as a small one on the event loop: the same findings, the
 * same verdicts, whatever the configuration (custom patterns, allow-lists, deny patterns).
 */
const secrets = fs
  .readFileSync(path.join(REPO, 'bench', 'fixtures', 'secrets-written.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => (JSON.parse(line) as { text: string }).text);
const people = [
  'Hi, this is Margarethe Okonkwo-Brandt from Initech. Call me back at +44 20 7946 0958 or write to m.okonkwo@initech.co.uk.',
  'Ship the part to Jean-Luc Picard, 221B Baker Street, London NW1 6XE; card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00.',
  'my ssn is 078-05-1120 and my server is 10.20.30.40, ask for ticket EMP-20931 or for acme.example staff',
];

afterAll(async () => {
  await offThreadPool().close();
});

describe('reading off the event loop', () => {
  it('finds what the detectors find on the loop, with the instance’s own options', async () => {
    const options: DetectorOptions = { custom: [{ name: 'employee_id', pattern: 'EMP-\\d{5}' }], allow: { patterns: ['[a-z.]*@?acme\\.example'] }, minConfidence: 0.6 };
    const detector = createDetector(options);
    const texts = [...people, ...secrets];
    const remembering = new RememberingDetector(detector);
    const off = await withOffThreadAbove(0, () => requestDetector(texts, remembering, preparedSetup(detectTask, options)));
    expect(off).not.toBe(remembering);
    const findings = texts.map((text) => off.detect(text));
    expect(findings).toEqual(texts.map((text) => detector.detect(text)));
    expect(findings.flat().some((f) => f.category === 'employee_id')).toBe(true);
    expect(findings.flat().length).toBeGreaterThan(200);
    // Below the threshold the loop reads: the detector itself.
    const fresh = new RememberingDetector(detector);
    expect(await withOffThreadAbove(1_000_000, () => requestDetector(texts, fresh, preparedSetup(detectTask, options)))).toBe(fresh);
  });

  it('sends no text it has read before to the workers: the long ones are remembered, with the same findings', async () => {
    const detector = createDetector();
    const texts = [...people, ...secrets];
    const remembering = new RememberingDetector(detector);
    await withOffThreadAbove(0, () => requestDetector(texts, remembering, preparedSetup(detectTask, {})));
    const long = texts.filter((text) => text.length >= 256);
    expect(long.length).toBeGreaterThan(5);
    // Everything long was read off the loop and is remembered: asked again, the loop answers (no worker), from memory.
    const again = await withOffThreadAbove(0, () => requestDetector(long, remembering, preparedSetup(detectTask, {})));
    expect(again).toBe(remembering);
    for (const text of long) expect(remembering.recall(text)).toEqual(detector.detect(text));
  });

  it('gives the guard’s verdicts on the loop, deny patterns and the classifier included', async () => {
    const guard = new Guard(configSchema.parse({ deny_patterns: ['project\\s+falcon'] }));
    const prompts = [...deepset.attacks.slice(0, 60), ...deepset.benign.slice(0, 60), 'Tell me about Pr0ject  Falcon', 'What is the capital of Peru?'];
    const ask = (text: string) => ({ messages: [{ role: 'user', content: text }] });
    const verdicts = async () => {
      const out: unknown[] = [];
      for (const text of prompts) {
        const { ms: _ms, ...verdict } = await guard.evaluate(ask(text));
        out.push(verdict);
      }
      return out;
    };
    const onLoop = await withOffThreadAbove(1_000_000, verdicts);
    const offLoop = await withOffThreadAbove(0, verdicts);
    expect(offLoop).toEqual(onLoop);
    expect(offThreadPool().workers).toBeGreaterThan(0);
    expect(onLoop.filter((v) => (v as { verdict: string }).verdict === 'block').length).toBeGreaterThan(40);
    expect(onLoop).toContainEqual(expect.objectContaining({ rule: 'deny_patterns[0]' }));
  });
});
