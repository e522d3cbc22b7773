import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { WebhookTargetRefusedError } from './webhook-errors.js';

type Family = 'ipv4' | 'ipv6';
type Range = [network: string, prefix: number, family: Family];

/** Never a webhook target, whatever WEBHOOK_ALLOW_PRIVATE says: link-local, cloud metadata, and what no server answers on. */
const ALWAYS_REFUSED: [kind: string, ranges: Range[]][] = [
  [
    'cloud metadata',
    [
      ['169.254.169.254', 32, 'ipv4'],
      ['fd00:ec2::254', 128, 'ipv6'],
      ['100.100.100.200', 32, 'ipv4'],
    ],
  ],
  [
    'link-local',
    [
      ['169.254.0.0', 16, 'ipv4'],
      ['fe80::', 10, 'ipv6'],
    ],
  ],
  [
    'unspecified',
    [
      ['0.0.0.0', 8, 'ipv4'],
      ['::', 128, 'ipv6'],
    ],
  ],
  [
    'multicast',
    [
      ['224.0.0.0', 4, 'ipv4'],
      ['ff00::', 8, 'ipv6'],
    ],
  ],
  [
    'reserved',
    [
      ['240.0.0.0', 4, 'ipv4'],
      ['192.0.0.0', 24, 'ipv4'],
    ],
  ],
];

/** Refused unless WEBHOOK_ALLOW_PRIVATE: this machine and the networks behind it. */
const PRIVATE: [kind: string, ranges: Range[]][] = [
  [
    'loopback',
    [
      ['127.0.0.0', 8, 'ipv4'],
      ['::1', 128, 'ipv6'],
    ],
  ],
  [
    'private',
    [
      ['10.0.0.0', 8, 'ipv4'],
      ['172.16.0.0', 12, 'ipv4'],
      ['192.168.0.0', 16, 'ipv4'],
      ['100.64.0.0', 10, 'ipv4'],
      ['198.18.0.0', 15, 'ipv4'],
      ['fc00::', 7, 'ipv6'],
    ],
  ],
];

function blockList(ranges: Range[]): BlockList {
  const list = new BlockList();
  for (const [network, prefix, family] of ranges) list.addSubnet(network, prefix, family);
  return list;
}

const compile = (groups: [string, Range[]][]) => groups.map(([kind, ranges]) => ({ kind, list: blockList(ranges) }));
const ALWAYS = compile(ALWAYS_REFUSED);
const PRIVATE_LISTS = compile(PRIVATE);

/** An IPv4 address written as IPv6 (`::ffff:127.0.0.1`) is checked as the IPv4 address it is. */
function normalized(address: string): { address: string; family: Family } | null {
  const bare = address.replace(/^\[|\]$/g, '');
  const version = isIP(bare);
  if (version === 4) return { address: bare, family: 'ipv4' };
  if (version !== 6) return null;
  const mapped = /^(?:0{0,4}:){0,4}:?(?:0{0,4}:)?ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return { address: mapped[1], family: 'ipv4' };
  const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(bare);
  if (hexMapped) {
    const [hi, lo] = [parseInt(hexMapped[1], 16), parseInt(hexMapped[2], 16)];
    return { address: [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.'), family: 'ipv4' };
  }
  const groups = ipv6Groups(bare);
  // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address that a gateway on the way reaches: that is the target.
  if (groups && groups.slice(0, 6).join(':') === '100:65435:0:0:0:0') return { address: ipv4Of(groups[6], groups[7]), family: 'ipv4' };
  if (groups && groups[0] === 0x2002) return { address: ipv4Of(groups[1], groups[2]), family: 'ipv4' };
  return { address: bare, family: 'ipv6' };
}

/** The eight 16-bit groups of an IPv6 address without an embedded dotted IPv4 part, or null. */
function ipv6Groups(address: string): number[] | null {
  if (address.includes('.')) return null;
  const [head, tail] = address.split('::');
  const parse = (part: string | undefined) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const [left, right] = [parse(head), parse(tail)];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill(0), ...right] : left;
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

const ipv4Of = (hi: number, lo: number) => [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');

/** An address a webhook may be sent to, as it was checked. */
export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to its addresses; node:dns by default. */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/**
 * The SSRF policy of webhooks: which addresses a delivery may connect to. A host name is resolved
 * and every address it resolves to must pass (one refused address refuses the name), and the
 * delivery then connects to the address checked, never resolving again (no DNS rebinding).
 */
export class AddressGuard {
  constructor(
    private readonly allowPrivate: boolean,
    private readonly resolver: Resolver = systemResolver,
  ) {}

  /** Why `address` is refused (`a link-local address`…), or null when a webhook may use it. */
  refusal(address: string): string | null {
    const ip = normalized(address);
    if (!ip) return 'not an IP address';
    for (const { kind, list } of ALWAYS) if (list.check(ip.address, ip.family)) return `${article(kind)} ${kind} address, never allowed`;
    if (this.allowPrivate) return null;
    for (const { kind, list } of PRIVATE_LISTS)
      if (list.check(ip.address, ip.family)) return `${article(kind)} ${kind} address, refused unless WEBHOOK_ALLOW_PRIVATE is set`;
    return null;
  }

  /** The address to connect to for `hostname` (a URL's, brackets and all), checked; throws WebhookTargetRefusedError naming why not. */
  async resolve(hostname: string): Promise<CheckedAddress> {
    const bare = hostname.replace(/^\[|\]$/g, '');
    const literal = isIP(bare);
    let addresses: { address: string; family: number }[];
    if (literal) addresses = [{ address: bare, family: literal }];
    else {
      try {
        addresses = await this.resolver(bare);
      } catch (error) {
        throw new WebhookTargetRefusedError(`url's host ${bare} does not resolve (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      }
      if (addresses.length === 0) throw new WebhookTargetRefusedError(`url's host ${bare} does not resolve`);
    }
    for (const { address } of addresses) {
      const why = this.refusal(address);
      if (why) throw new WebhookTargetRefusedError(`url's host ${bare}${literal ? ' is' : ` resolves to ${address},`} ${why}`);
    }
    const [first] = addresses;
    return { address: first.address, family: first.family === 6 ? 6 : 4 };
  }
}

/**
 * What a webhook URL must be before its host is even looked at: http or https, a host, no user
 * name or password (they would travel in every delivery, and in logs), at most 2048 characters.
 * The reason it is not, or null.
 */
export function webhookUrlProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'url must be a string';
  if (value.length > 2048) return 'url must be at most 2048 characters';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'url must be an absolute http or https URL, such as https://example.com/hooks/candlecast';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'url must use http or https';
  if (url.username || url.password) return 'url must not carry a user name or password';
  if (!url.hostname) return 'url must name a host';
  if (url.hash) return 'url must not have a #fragment';
  return null;
}
