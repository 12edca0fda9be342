import { describe, expect, it } from 'vitest';
import { parsePasswdFile } from '../../../src/auth/passwd-file.js';
import { formatList } from '../../../src/commands/passwd/list.js';

describe('formatList', () => {
  it('lists users in file order with hash kind, parameters and the brokers that read them', () => {
    const file = [
      '# comment',
      'alice:$argon2id$v=19$m=47104,t=1,p=1$bW9zcXVpdHRvLWFyZ29uMmlkLWV4YW1wbGUtc2FsdC02NC1ieXRlcy1sb25nLTAxMjM0NTY3ODlhYmNkZWZnaA$XwNb8Gzag9JdX/dWrJPX1a56kz4WrEnGVPMPtOzB02ORQaPSBNSB7uGi2xcbAr54ye/4zK8KDGFobJiuVDGx9Q',
      'bob:$7$101$MDEyMzQ1Njc4OWFi$qou8GkBjtqb4Hlj6YnPOXV2OIvFwdpiRDRRfblO4d7d9WSiCwqBYK1ZTs0GIpEBdFKjZduon/JPxD+YfTvChqQ==',
      'carol:$7$1000$AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw==$MLWF0rMQA7F5aphhFEtGM2uK7raBC0D5Gc2tM87+zkumBikWDaO9QEWU4DBi20YvUL98IdR/+MbuvWrJTFXC+A==',
      'dave:$6$MDEyMzQ1Njc4OWFi$PRV1nxzqKWSIWdX/oOhRgJkcbMZ2TRyUjYNlW91d5i9bqZ+vHunEfY/pz2WWAEYx8YjHeB8Xnb9T/zza8xtgXg==',
      'eve:plaintext',
      'frank:$2b$10$abcdefghijklmnopqrstuu',
      'not a user line',
      '',
    ].join('\n');
    expect(formatList(parsePasswdFile(Buffer.from(file)))).toBe(
      [
        'alice  argon2id       m=47104,t=1,p=1, 64-byte salt; mosquitto 2.1+ built with argon2',
        'bob    sha512-pbkdf2  101 iterations, 12-byte salt; mosquitto 2.0+',
        'carol  sha512-pbkdf2  1000 iterations, 64-byte salt; mosquitto 2.1+',
        'dave   sha512         12-byte salt; mosquitto 1.6+',
        "eve    plain          not hashed; mosquitto cannot use it (hash it with 'mqtk passwd -U FILE')",
        'frank  unknown        not a hash mosquitto can read',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing for a file without users', () => {
    expect(formatList(parsePasswdFile(Buffer.from('# nothing\n')))).toBe('');
  });
});
