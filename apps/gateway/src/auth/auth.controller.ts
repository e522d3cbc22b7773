import {
  BadRequestException,
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Ip,
  Post,
  Req,
  Res,
  UnauthorizedException,
  UseInterceptors,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { CaughtUpAfterWritesInterceptor } from '#libs/database';
import {
  ApiBearerAuth,
  ApiBadRequestResponse,
  ApiCookieAuth,
  ApiExtraModels,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { UserViewDto } from '../users/dto/user-view.dto.js';
import type { AuthUser } from './auth-user.js';
import { AuthService } from './auth.service.js';
import { CurrentUser } from './decorators/current-user.decorator.js';
import { Public } from '#libs/http';
import { LoginDto } from './dto/login.dto.js';
import { LogoutDto, RefreshDto } from './dto/refresh.dto.js';
import { SignupDto } from './dto/signup.dto.js';
import { AccessTokenDto, TokenPairDto } from './dto/token-pair.dto.js';
import { SESSION_COOKIE, SessionCookie } from './web-session/session-cookie.js';
import { WebClient } from './web-session/web-client.js';
import { CookieAuthenticates, WebSession } from './web-session/web-session.decorator.js';

/** How a cookie-mode answer sets or clears the session cookie. */
const SETS_COOKIE = {
  'Set-Cookie': {
    description: `Cookie mode only: ${SESSION_COOKIE}=<refresh token>; HttpOnly; Secure; SameSite=Strict; Path=/ (with Max-Age when remember), or its clearing`,
    schema: { type: 'string' },
  },
};

@ApiTags('auth')
@ApiExtraModels(TokenPairDto, AccessTokenDto)
// Their writes change what the gateway caches: answer only once it has seen them (ChangeFeed).
@UseInterceptors(CaughtUpAfterWritesInterceptor)
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly cookie: SessionCookie,
  ) {}

  @Public()
  @Post('signup')
  @ApiCreatedResponse({ type: UserViewDto, description: 'A new account with the role user' })
  @ApiBadRequestResponse({ description: 'A username, password or email that breaks the policy, or an unknown field such as role' })
  @ApiConflictResponse({ description: 'The username is taken' })
  @ApiTooManyRequestsResponse({ description: 'Too many signups from this address or for this username; see Retry-After' })
  async signup(@Body() dto: SignupDto, @Ip() ip: string): Promise<UserViewDto> {
    return UserViewDto.of(await this.auth.signup(dto, ip));
  }

  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @WebSession()
  @ApiOkResponse({
    description: `The tokens of a new session. In cookie mode the refresh token is in the ${SESSION_COOKIE} cookie instead (Max-Age only with remember)`,
    schema: { oneOf: [{ $ref: getSchemaPath(TokenPairDto) }, { $ref: getSchemaPath(AccessTokenDto) }] },
    headers: SETS_COOKIE,
  })
  @ApiUnauthorizedResponse({ description: 'Invalid username or password (the message never says which)' })
  @ApiTooManyRequestsResponse({
    description: 'Too many attempts from this address, or wrong passwords for this username from it; see Retry-After',
  })
  async login(
    @Body() dto: LoginDto,
    @Ip() ip: string,
    @WebClient() web: boolean,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokenPairDto | AccessTokenDto> {
    const issued = await this.auth.login(dto, ip);
    return web ? this.cookie.hand(res, issued) : issued.pair;
  }

  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @WebSession()
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiOkResponse({
    description: `A new pair; the refresh token sent can never be used again. In cookie mode the token is read from the ${SESSION_COOKIE} cookie (when the body has none) and its successor set there, as persistent as the session's first cookie`,
    schema: { oneOf: [{ $ref: getSchemaPath(TokenPairDto) }, { $ref: getSchemaPath(AccessTokenDto) }] },
    headers: SETS_COOKIE,
  })
  @ApiBadRequestResponse({ description: 'No refresh_token (outside cookie mode)' })
  @ApiUnauthorizedResponse({
    description:
      'Unknown, expired or revoked refresh token, or in cookie mode no cookie (which is then cleared); one used twice also revokes its session',
  })
  @ApiTooManyRequestsResponse({
    description: 'Too many refreshes from this address or of this session; see Retry-After (the token stays usable)',
  })
  async refresh(
    @Body() dto: RefreshDto,
    @Ip() ip: string,
    @WebClient() web: boolean,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TokenPairDto | AccessTokenDto> {
    if (!web) {
      if (dto.refresh_token === undefined) throw new BadRequestException('refresh_token must be a string');
      return (await this.auth.refresh(dto.refresh_token, ip)).pair;
    }
    const token = dto.refresh_token ?? this.cookie.read(req);
    try {
      if (token === undefined) throw new UnauthorizedException('No session cookie: log in again');
      return this.cookie.hand(res, await this.auth.refresh(token, ip));
    } catch (error) {
      // A token that will never work again is of no use in the browser; one refused for going too fast still is.
      if (error instanceof UnauthorizedException) this.cookie.clear(res);
      throw error;
    }
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @CookieAuthenticates()
  @WebSession()
  @ApiBearerAuth()
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiNoContentResponse({
    description:
      'The session is over: its refresh and access tokens stop working. In cookie mode the cookie says which session (no access token needed), and it is cleared',
    headers: SETS_COOKIE,
  })
  @ApiUnauthorizedResponse({ description: 'No valid access token (outside cookie mode), or a refresh token of someone else or of nobody' })
  async logout(
    @CurrentUser() user: AuthUser,
    @Body() dto: LogoutDto,
    @WebClient() web: boolean,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    if (!web) return this.auth.logout(user, dto.refresh_token);
    this.cookie.clear(res);
    const token = dto.refresh_token ?? this.cookie.read(req);
    // Without a cookie the browser holds no session: it is signed out already.
    if (token !== undefined) await this.auth.endSession(token);
  }
}
