import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'candlecast:public';

/** Anyone may call this route, without a token. Every other route needs a logged-in user. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
