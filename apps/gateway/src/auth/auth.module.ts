import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { NotificationsModule } from '#libs/notifications';
import { AuthEvents } from './auth-events.service.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { JwtAuthGuard } from './guards/jwt-auth.guard.js';
import { RolesGuard } from './guards/roles.guard.js';
import { JwtStrategy } from './jwt.strategy.js';
import { LoginThrottle } from './login-throttle.service.js';
import { PasswordService } from './password.service.js';
import { Pause } from './pause.service.js';
import { RefreshThrottle } from './refresh-throttle.service.js';
import { RefreshTokenPurge } from './refresh-token-purge.service.js';
import { TokenService } from './token.service.js';
import { SameOriginGuard } from './web-session/same-origin.guard.js';
import { SessionCookie } from './web-session/session-cookie.js';

/** Accounts and tokens; its guards run on every route of the gateway: login by default, roles where a route says so. */
@Module({
  imports: [
    PassportModule,
    NotificationsModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.JWT_SECRET,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    TokenService,
    SessionCookie,
    SameOriginGuard,
    PasswordService,
    LoginThrottle,
    RefreshThrottle,
    RefreshTokenPurge,
    AuthEvents,
    Pause,
    JwtStrategy,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [PasswordService, LoginThrottle, AuthEvents],
})
export class AuthModule {}
