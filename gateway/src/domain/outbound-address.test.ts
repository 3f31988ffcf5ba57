import { BlockList } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addressAllowed,
  classifyAddress,
  networkList,
  type OutboundRule,
  parseCidr,
  urlAllowed,
} from './outbound-address.js';

const live: OutboundRule = { loopback: false, allowed: new BlockList() };
const test: OutboundRule = { loopback: true, allowed: new BlockList() };

describe('the outbound address policy', () => {
  it.each([
    ['loopback', 'http://127.0.0.1:5432'],
    ['loopback, IPv6', 'http://[::1]:5432'],
    ['loopback, decimal', 'http://2130706433:6379'],
    ['loopback, octal', 'http://0177.0.0.1/'],
    ['loopback, hex', 'http://0x7f.1/'],
    ['loopback, hex in one', 'http://0x7f000001/'],
    ['loopback, short form', 'http://127.1/'],
    ['loopback, percent-encoded', 'http://%31%32%37.0.0.1/'],
    ['loopback, full-width digits', 'http://１２７.0.0.1/'],
    ['loopback, root dot', 'http://127.0.0.1./'],
    ['loopback, IPv4-mapped IPv6', 'http://[::ffff:127.0.0.1]/'],
    ['loopback, IPv4-compatible IPv6', 'http://[::127.0.0.1]/'],
    ['loopback, NAT64', 'http://[64:ff9b::7f00:1]/'],
    ['localhost', 'http://localhost:3000/'],
    ['localhost, upper case with root dot', 'http://LOCALHOST./'],
    ['a name under localhost', 'http://app.localhost/'],
  ])('refuses %s in live and allows it in test: %s', (_, url) => {
    expect(urlAllowed(new URL(url), live)).toBe(false);
    expect(urlAllowed(new URL(url), test)).toBe(true);
  });

  it.each([
    ['this network', 'http://0.0.0.0:6379'],
    ['this network, decimal zero', 'http://0:6379/'],
    ['10/8', 'http://10.1.2.3/'],
    ['172.16/12', 'http://172.31.255.255/'],
    ['192.168/16', 'http://192.168.0.1/'],
    ['100.64/10', 'http://100.64.0.1/'],
    ['link-local, the cloud metadata address', 'http://169.254.169.254/latest/meta-data/'],
    ['metadata, decimal', 'http://2852039166/'],
    ['metadata, IPv4-mapped IPv6', 'http://[::ffff:a9fe:a9fe]/'],
    ['private, IPv4-mapped IPv6', 'http://[::ffff:10.0.0.1]/'],
    ['private, NAT64', 'http://[64:ff9b::10.0.0.1]/'],
    ['unique local', 'http://[fd00::1]/'],
    ['fc00::/7', 'http://[fc12:3456::1]/'],
    ['link-local IPv6', 'http://[fe80::1]/'],
    ['unspecified IPv6', 'http://[::]/'],
    ['multicast', 'http://224.0.0.1/'],
    ['multicast IPv6', 'http://[ff02::1]/'],
    ['broadcast', 'http://255.255.255.255/'],
    ['reserved', 'http://240.0.0.1/'],
    ['documentation', 'http://192.0.2.10/'],
    ['6to4', 'http://[2002:7f00:1::]/'],
  ])('refuses %s in live and in test: %s', (_, url) => {
    expect(urlAllowed(new URL(url), live)).toBe(false);
    expect(urlAllowed(new URL(url), test)).toBe(false);
  });

  it.each([
    'https://hooks.example.com/tillgate',
    'http://93.184.216.34/',
    'http://[2606:4700::1111]/',
    'http://[::ffff:8.8.8.8]/',
  ])('allows a public destination everywhere: %s', (url) => {
    expect(urlAllowed(new URL(url), live)).toBe(true);
    expect(urlAllowed(new URL(url), test)).toBe(true);
  });

  it('refuses schemes other than http and https', () => {
    expect(urlAllowed(new URL('ftp://93.184.216.34/'), live)).toBe(false);
    expect(urlAllowed(new URL('file:///etc/passwd'), test)).toBe(false);
  });

  it("lets the operator's networks through, in every spelling of them", () => {
    const rule: OutboundRule = { loopback: false, allowed: networkList(['10.20.0.0/16', 'fd00:1::/32']) };
    expect(urlAllowed(new URL('http://10.20.3.4/'), rule)).toBe(true);
    expect(urlAllowed(new URL('http://[::ffff:10.20.3.4]/'), rule)).toBe(true);
    expect(urlAllowed(new URL('http://[fd00:1::5]/'), rule)).toBe(true);
    expect(urlAllowed(new URL('http://10.21.0.1/'), rule)).toBe(false);
    expect(urlAllowed(new URL('http://127.0.0.1/'), rule)).toBe(false);
  });

  it('reads networks from the setting and refuses what is not one', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ address: '10.0.0.0', prefix: 8, family: 'ipv4' });
    expect(parseCidr(' fd00::/8 ')).toEqual({ address: 'fd00::', prefix: 8, family: 'ipv6' });
    expect(parseCidr('192.168.1.10')).toEqual({ address: '192.168.1.10', prefix: 32, family: 'ipv4' });
    for (const bad of ['10.0.0.0/33', '10.0.0/8', 'example.com/8', '10.0.0.0/8/1', '10.0.0.0/', '10.0.0.0/x', ''])
      expect(parseCidr(bad)).toBeUndefined();
  });

  const octet = fc.integer({ min: 0, max: 255 });
  const ipv4 = fc.tuple(octet, octet, octet, octet);
  const dotted = ([a, b, c, d]: number[]) => `${a}.${b}.${c}.${d}`;
  const asInteger = ([a, b, c, d]: number[]) =>
    String(((a ?? 0) * 2 ** 24 + (b ?? 0) * 2 ** 16 + (c ?? 0) * 256 + (d ?? 0)) >>> 0);
  const asOctal = (o: number[]) => o.map((n) => `0${n.toString(8)}`).join('.');
  const asHex = (o: number[]) => o.map((n) => `0x${n.toString(16)}`).join('.');
  const mapped = ([a, b, c, d]: number[]) =>
    `[::ffff:${(((a ?? 0) << 8) | (b ?? 0)).toString(16)}:${(((c ?? 0) << 8) | (d ?? 0)).toString(16)}]`;

  it('judges every spelling of an IPv4 address as the address itself', () => {
    fc.assert(
      fc.property(ipv4, fc.constantFrom(asInteger, asOctal, asHex, mapped), fc.boolean(), (o, spell, loopback) => {
        const rule = { loopback, allowed: new BlockList() };
        expect(urlAllowed(new URL(`http://${spell(o)}/`), rule)).toBe(addressAllowed(dotted(o), rule));
      }),
    );
  });

  it('allows in live exactly the addresses classified public', () => {
    fc.assert(
      fc.property(fc.oneof(ipv4.map(dotted), fc.ipV6()), (address) => {
        expect(addressAllowed(address, live)).toBe(classifyAddress(address) === 'public');
        if (classifyAddress(address) === 'loopback') expect(addressAllowed(address, test)).toBe(true);
      }),
    );
  });

  it('never allows in live an address inside the refused ranges', () => {
    const inRange = fc.oneof(
      fc.tuple(fc.constant(127), octet, octet, octet),
      fc.tuple(fc.constant(10), octet, octet, octet),
      fc.tuple(fc.constant(0), octet, octet, octet),
      fc.tuple(fc.integer({ min: 224, max: 255 }), octet, octet, octet),
      fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), octet, octet),
      fc.tuple(fc.constant(192), fc.constant(168), octet, octet),
      fc.tuple(fc.constant(169), fc.constant(254), octet, octet),
      fc.tuple(fc.constant(100), fc.integer({ min: 64, max: 127 }), octet, octet),
    );
    fc.assert(
      fc.property(inRange, fc.constantFrom(dotted, asInteger, asOctal, asHex, mapped), (o, spell) => {
        expect(urlAllowed(new URL(`http://${spell(o)}/`), live)).toBe(false);
      }),
    );
  });
});
