import { Body, Controller, HttpCode, HttpStatus, Ip, Post, UseInterceptors } from '@nestjs/common';
import { CaughtUpAfterWritesInterceptor } from '#libs/database';
import {
  ApiBearerAuth,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { UserViewDto } from '../users/dto/user-view.dto.js';
import type { AuthUser } from './auth-user.js';
import { AuthService } from './auth.service.js';
import { CurrentUser } from './decorators/current-user.decorator.js';
import { Public } from '#libs/http';
import { LoginDto } from './dto/login.dto.js';
import { LogoutDto, RefreshDto } from './dto/refresh.dto.js';
import { SignupDto } from './dto/signup.dto.js';
import { TokenPairDto } from './dto/token-pair.dto.js';

@ApiTags('auth')
// Their writes change what the gateway caches: answer only once it has seen them (ChangeFeed).
@UseInterceptors(CaughtUpAfterWritesInterceptor)
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

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
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ description: 'Invalid username or password (the message never says which)' })
  @ApiTooManyRequestsResponse({
    description: 'Too many attempts from this address, or wrong passwords for this username from it; see Retry-After',
  })
  login(@Body() dto: LoginDto, @Ip() ip: string): Promise<TokenPairDto> {
    return this.auth.login(dto, ip);
  }

  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: TokenPairDto, description: 'A new pair; the refresh token sent can never be used again' })
  @ApiUnauthorizedResponse({ description: 'Unknown, expired or revoked refresh token; one used twice also revokes its session' })
  @ApiTooManyRequestsResponse({
    description: 'Too many refreshes from this address or of this session; see Retry-After (the token stays usable)',
  })
  refresh(@Body() dto: RefreshDto, @Ip() ip: string): Promise<TokenPairDto> {
    return this.auth.refresh(dto.refresh_token, ip);
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'The session is over: its refresh and access tokens stop working' })
  @ApiUnauthorizedResponse({ description: 'No valid access token, or a refresh token of someone else' })
  logout(@CurrentUser() user: AuthUser, @Body() dto: LogoutDto): Promise<void> {
    return this.auth.logout(user, dto.refresh_token);
  }
}
