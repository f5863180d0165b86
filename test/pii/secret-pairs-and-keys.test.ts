import { createDetector } from '../../plugins/pii-sanitizer/detect';

const detector = createDetector();
const secrets = (text: string) => detector.detect(text).filter((f) => f.category === 'secret' || f.category === 'url_credentials').map((f) => f.value);

const SID = 'SK2a7f3c9e1b4d8f6a0c5e3b9d7a1f4c8e';
const TWILIO_SECRET = 'Zq8vN3kLm2Pw7Rt5Yx1Bc4Df6Gh9Jk0M';

describe('secrets of an unread set: a JDBC password whole, a Twilio key\'s secret, Ably keys, a git config\'s Basic header; an age recipient is public', () => {
  it('a JDBC MySQL URL\'s password is taken whole, its "#" and "@" inside it', () => {
    expect(secrets('jdbc:mysql://db.internal:3306/app?user=admin&password=S3cr3t!Pa$$w0rd#2024&useSSL=true')).toEqual(['S3cr3t!Pa$$w0rd#2024']);
    expect(secrets('spring.datasource.url=jdbc:mysql://localhost:3306/shop?user=root&password=Xk9#mQ2!vL7@pZ')).toEqual(['Xk9#mQ2!vL7@pZ']);
    // A placeholder or a template's slot is none.
    expect(secrets('jdbc:mysql://db:3306/app?user=root&password=#{DB_PASS}')).toEqual([]);
  });

  it('a Twilio API key\'s secret beside its SID', () => {
    expect(secrets(`${SID}:${TWILIO_SECRET}`)).toEqual([SID, TWILIO_SECRET]);
    expect(secrets(`key ${SID}, ${TWILIO_SECRET}`)).toEqual([SID, TWILIO_SECRET]);
    expect(secrets(`const client = twilio("${SID}", "9f8e7d6c5b4a39281706f5e4d3c2b1a0", { accountSid });`)).toEqual([SID, '9f8e7d6c5b4a39281706f5e4d3c2b1a0']);
    // A word or a run of one character beside it is no secret.
    expect(secrets(`${SID}: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`)).toEqual([SID]);
  });

  it('Ably keys, whole', () => {
    const key = 'Ggkvcu.AkuyB1:_TJai5SdZUI0MNr2esXQ3x9Lk7Pw2Rt5';
    expect(secrets(`const ably = new Ably.Realtime("${key}");`)).toEqual([key]);
    expect(secrets(`ABLY_KEY=${key}`)).toEqual([key]);
    expect(secrets('see module.export:handleIncomingRequestForTheUser in app.js')).toEqual([]);
  });

  it('a Basic header in any case, in a git config on the command line', () => {
    const basic = 'eC1hY2Nlc3MtdG9rZW46Z2hwX2FCY0RlRmdIaUprTG1Ob1BxUnNUdVZ3WHlaMDEyMzQ1Njc4OQ==';
    expect(secrets(`git -c http.extraheader="AUTHORIZATION: basic ${basic}" clone https://github.com/org/repo.git`)).toEqual([basic]);
    expect(secrets(`AUTHORIZATION: BASIC ${basic}`)).toEqual([basic]);
    // Not base64 of "user:password".
    expect(secrets('we use basic authentication everywhere')).toEqual([]);
    expect(secrets('basic SGVsbG8gd29ybGQgaG93IGFyZSB5b3U=')).toEqual([]);
  });

  it('an age recipient is a public key; its identity is the secret', () => {
    const identity = 'AGE-SECRET-KEY-1QTAYCMSXMGZ4MPPY0ZCZ8XEGZ5N7UFQ4SR0J2JMQHZAVNKHN8YRQG0PPGU';
    const file = `# created: 2024-01-01T00:00:00Z\n# public key: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n${identity}`;
    expect(secrets(file)).toEqual([identity]);
    expect(secrets('recipient = age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p')).toEqual([]);
  });
});
