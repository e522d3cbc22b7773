import { describe, expect, it } from '@jest/globals';
import { AddressGuard } from './address-guard.js';
import { WebhookTargetRefusedError } from './webhook-errors.js';

const resolving =
  (...addresses: string[]) =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('the webhook address guard', () => {
  const strict = new AddressGuard(false);
  const lenient = new AddressGuard(true);

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '2606:4700:4700::1111',
    '172.32.0.1',
    '100.128.0.1',
    '192.0.3.1',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('lets the public address %s through, whatever WEBHOOK_ALLOW_PRIVATE says', (address) => {
    expect(strict.refusal(address)).toBeNull();
    expect(lenient.refusal(address)).toBeNull();
  });

  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '::1',
    '10.1.2.3',
    '172.31.255.255',
    '192.168.0.1',
    '100.64.0.1',
    'fc00::1',
    'fdab::1',
    '::ffff:10.0.0.1',
    '64:ff9b::7f00:1',
    '64:ff9b::a00:1',
    '2002:c0a8:1::1',
  ])('refuses the loopback or private address %s unless WEBHOOK_ALLOW_PRIVATE is set', (address) => {
    expect(strict.refusal(address)).toMatch(/refused unless WEBHOOK_ALLOW_PRIVATE is set$/);
    expect(lenient.refusal(address)).toBeNull();
  });

  it.each([
    '169.254.169.254',
    '169.254.0.1',
    'fd00:ec2::254',
    '100.100.100.200',
    'fe80::1',
    'febf::1',
    '0.0.0.0',
    '0.1.2.3',
    '::',
    '224.0.0.251',
    'ff02::1',
    '255.255.255.255',
    '::ffff:169.254.169.254',
    '::ffff:a9fe:a9fe',
    '64:ff9b::a9fe:a9fe',
    '2002:a9fe:a9fe::1',
  ])('always refuses %s', (address) => {
    expect(lenient.refusal(address)).toMatch(/never allowed$/);
    expect(strict.refusal(address)).toMatch(/never allowed$/);
  });

  it('refuses a name if any of its addresses is refused, and connects to the checked one', async () => {
    await expect(new AddressGuard(true, resolving('93.184.215.14', '169.254.169.254')).resolve('rebind.example')).rejects.toThrow(
      new WebhookTargetRefusedError("url's host rebind.example resolves to 169.254.169.254, a cloud metadata address, never allowed"),
    );
    await expect(new AddressGuard(false, resolving('2606:4700::1', '10.0.0.1')).resolve('mixed.example')).rejects.toThrow(
      /resolves to 10\.0\.0\.1, a private address/,
    );
    await expect(new AddressGuard(false, resolving('93.184.215.14')).resolve('example.com')).resolves.toEqual({
      address: '93.184.215.14',
      family: 4,
    });
    await expect(new AddressGuard(false, resolving()).resolve('empty.example')).rejects.toThrow(/does not resolve/);
  });

  it('checks an address literal, in brackets or not, without resolving it', async () => {
    const never = async () => {
      throw new Error('resolved a literal');
    };
    await expect(new AddressGuard(true, never).resolve('[::1]')).resolves.toEqual({ address: '::1', family: 6 });
    await expect(new AddressGuard(true, never).resolve('[fd00:ec2::254]')).rejects.toThrow(/cloud metadata/);
  });
});
