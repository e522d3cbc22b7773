import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { FirstAdminBootstrap } from './first-admin.bootstrap.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [AuthModule],
  controllers: [UsersController],
  providers: [UsersService, FirstAdminBootstrap],
})
export class UsersModule {}
