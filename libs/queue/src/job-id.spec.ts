import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { isIssuedJobId } from './job-id.js';
import { BULLMQ_QUEUE_KEYS } from '../../../test/support/bullmq-keys.js';

describe('isIssuedJobId', () => {
  it.each([randomUUID(), '0b7c2f4e-5a3d-4d8e-9c61-2f0d4a9b7e13', 'repeat:sync-BTC-1d:1700000000000', 'repeat:score-ETH-15d:1'])(
    'takes %s, an id JobProducer or a job scheduler gives',
    (id) => expect(isIssuedJobId(id)).toBe(true),
  );

  it.each([
    ...BULLMQ_QUEUE_KEYS,
    'repeat:sync-BTC-1d',
    'repeat::1',
    'repeat:sync-BTC-1d:12x',
    '0B7C2F4E-5A3D-4D8E-9C61-2F0D4A9B7E13',
    '0b7c2f4e5a3d4d8e9c612f0d4a9b7e13',
    '1',
  ])('refuses %s, which no job of ours is called', (id) => expect(isIssuedJobId(id)).toBe(false));
});
