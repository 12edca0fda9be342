import { describe, expect, it } from 'vitest';
import { parseProxyUrl } from '../../src/options/proxy-url.js';
import { parseUrl } from '../../src/options/url.js';

describe('-L URLs', () => {
  it('splits credentials at the last @ and the first :, with no %-decoding (as mosquitto)', () => {
    expect(parseUrl('mqtt://us:er:p@ss@host:1884/a/b/c')).toEqual({ host: 'host', port: 1884, username: 'us', password: 'er:p@ss', topic: 'a/b/c', tls: false, websocket: false });
    expect(parseUrl('mqtts://host/t')).toMatchObject({ port: 8883, tls: true });
    expect(parseUrl('ws://host/t')).toMatchObject({ port: 80, websocket: true });
  });
  it("refuses other schemes and a missing topic with mosquitto's messages", () => {
    expect(() => parseUrl('http://host/t')).toThrow('unsupported URL scheme.');
    expect(() => parseUrl('mqtt://host')).toThrow('Invalid URL for -L argument specified - topic missing.');
  });
});

describe('--proxy URLs', () => {
  it('decodes %25 %3A %40 once, defaults to port 1080 and takes IPv6 in brackets', () => {
    expect(parseProxyUrl('socks5h://a%3Ab:c%40d%253A@proxy')).toEqual({ host: 'proxy', port: 1080, username: 'a:b', password: 'c@d%3A' });
    expect(parseProxyUrl('socks5h://[::1]:9050')).toEqual({ host: '::1', port: 9050 });
  });
  it('refuses other protocols', () => {
    expect(() => parseProxyUrl('socks4://x')).toThrow('Unsupported proxy protocol: socks4://x');
  });
});
