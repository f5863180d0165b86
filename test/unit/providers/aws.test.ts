import { EventStreamDecoder, encodeEventStream } from '../../../plugins/core/providers/aws-eventstream';
import { signV4 } from '../../../plugins/core/providers/sigv4';

describe('AWS Signature Version 4', () => {
  it('reproduces the worked example of AWS’s SigV4 documentation (IAM ListUsers)', () => {
    const headers = signV4(
      {
        method: 'GET',
        url: 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: '',
      },
      { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
      'us-east-1',
      'iam',
      new Date('2015-08-30T12:36:00Z'),
    );
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    );
    expect(headers['x-amz-date']).toBe('20150830T123600Z');
  });
});

describe('AWS event-stream framing', () => {
  it('decodes messages split at any byte, and refuses a corrupted frame', () => {
    const frames = [1, 2, 3].map((i) =>
      encodeEventStream({ headers: { ':event-type': 'contentBlockDelta', ':message-type': 'event' }, payload: Buffer.from(JSON.stringify({ i })) }),
    );
    const all = Buffer.concat(frames);
    for (const cut of [1, 5, 13, 40, all.length - 1]) {
      const decoder = new EventStreamDecoder();
      const messages = [...decoder.push(all.subarray(0, cut)), ...decoder.push(all.subarray(cut))];
      expect(messages.map((m) => JSON.parse(m.payload.toString()).i)).toEqual([1, 2, 3]);
      expect(messages[0].headers[':event-type']).toBe('contentBlockDelta');
    }
    const corrupt = Buffer.from(frames[0]);
    corrupt[corrupt.length - 6] ^= 0xff;
    expect(() => new EventStreamDecoder().push(corrupt)).toThrow(/CRC/);
  });

  it('refuses a frame longer than its bound from the length it announces, before buffering it', () => {
    const frame = encodeEventStream({ headers: { ':message-type': 'event' }, payload: Buffer.alloc(2000) });
    expect(() => new EventStreamDecoder(1000).push(frame.subarray(0, 12))).toThrow(/max_response_body_size/);
    expect(new EventStreamDecoder(frame.length).push(frame)).toHaveLength(1);
  });
});
