import { REQUEST_ID_HEADER } from '#libs/observability';

/**
 * Headers of the private link between the gateway and the prediction service. The prediction
 * service refuses any request without the internal token, and trusts the caller's identity
 * only from a request that carries it.
 */
export const INTERNAL_HEADERS = {
  token: 'x-internal-token',
  userId: 'x-user-id',
  userRole: 'x-user-role',
  requestId: REQUEST_ID_HEADER,
} as const;
