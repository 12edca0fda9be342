// Reference lines for the auth tests. None of them was produced by mqtk.

/** Written by Debian's mosquitto_passwd 2.0.11 (`-b`), with the password each was given. */
export const MOSQUITTO_PASSWD_2_0_11 = [
  // -H sha512: $6$, 12-byte salt (16 b64 chars), 64-byte digest (88 chars, padded).
  { password: 'alice-pw', line: 'alice:$6$V+J6BA8R9m5fWlX/$C+cZWA0J2tUbyLSFLXHC/EJ4ZVwPvBX2iFxtUn8pmCDnNWZAiNIFcJ4MD6Mr0EdLvfsPbZ2a7U2p993XY+qHQw==' },
  // -H sha512-pbkdf2 (the 2.0 default): 101 iterations.
  { password: 'bob pw with spaces', line: 'bob:$7$101$aNum3X0hMwrxwc1Y$ucJHA5QG/c+q+x34pEwvOBiPCpT+KIlrL8GZIyfNpCfPlZ0K4sGoMyiCiEA1tejydWf2teXwrFThjVW1J7q7sg==' },
  // -I 5000, and a ':' inside the password.
  { password: 'c:colon', line: 'carol:$7$5000$rxyrluMCCM+thUKm$YHdKAAwm4AsuUyhUxoG31emHCRFNPCIhQxCukcs8oIJPZRxzbSVwyAP722aeNxZ3ppnrAO50QkUMysYwSCRhcg==' },
  // Non-ASCII password: hashed as its UTF-8 bytes.
  { password: 'ünïcødé', line: 'dave:$7$101$aVcAW6mZeBxchL8q$5yDSwzPsF+JoHgXG1RF11qEF0dtE1NZRUTBYNMdmJPUBeFSRG/kdKoPRcgoAjZKRbEDytGaCe6V+k6LbovQOAA==' },
] as const;

/**
 * Computed with Python's hashlib, independently of node:crypto:
 *   salt = b'0123456789ab'
 *   sha512(b'vector-pw' + salt)
 *   pbkdf2_hmac('sha512', b'vector-pw', salt, 101, 64)
 *   pbkdf2_hmac('sha512', b'vector-pw', bytes(range(64)), 1000, 64)
 */
export const PYTHON = {
  password: 'vector-pw',
  salt12: Buffer.from('0123456789ab'),
  sha512: '$6$MDEyMzQ1Njc4OWFi$PRV1nxzqKWSIWdX/oOhRgJkcbMZ2TRyUjYNlW91d5i9bqZ+vHunEfY/pz2WWAEYx8YjHeB8Xnb9T/zza8xtgXg==',
  pbkdf2: '$7$101$MDEyMzQ1Njc4OWFi$qou8GkBjtqb4Hlj6YnPOXV2OIvFwdpiRDRRfblO4d7d9WSiCwqBYK1ZTs0GIpEBdFKjZduon/JPxD+YfTvChqQ==',
  salt64: Buffer.from(Array.from({ length: 64 }, (_, i) => i)),
  pbkdf2Long:
    '$7$1000$AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw==$MLWF0rMQA7F5aphhFEtGM2uK7raBC0D5Gc2tM87+zkumBikWDaO9QEWU4DBi20YvUL98IdR/+MbuvWrJTFXC+A==',
} as const;

/**
 * Debian's argon2 CLI with mosquitto 2.1's parameters (libargon2's own encoder, so this is
 * also the byte layout mosquitto writes):
 *   echo -n example-password | argon2 '<salt>' -id -t 1 -k 47104 -p 1 -l 64 -e
 */
export const ARGON2_CLI = {
  password: 'example-password',
  salt: Buffer.from('mosquitto-argon2id-example-salt-64-bytes-long-0123456789abcdefgh'),
  encoded:
    '$argon2id$v=19$m=47104,t=1,p=1$bW9zcXVpdHRvLWFyZ29uMmlkLWV4YW1wbGUtc2FsdC02NC1ieXRlcy1sb25nLTAxMjM0NTY3ODlhYmNkZWZnaA$XwNb8Gzag9JdX/dWrJPX1a56kz4WrEnGVPMPtOzB02ORQaPSBNSB7uGi2xcbAr54ye/4zK8KDGFobJiuVDGx9Q',
} as const;
