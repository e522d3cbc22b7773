import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Ip, Param, Put, Query, UseInterceptors } from '@nestjs/common';
import { CaughtUpAfterWritesInterceptor } from '#libs/database';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/decorators/current-user.decorator.js';
import { Roles } from '../auth/decorators/roles.decorator.js';
import { ListUsersQuery } from './dto/list-users.query.js';
import { SetRoleDto } from './dto/set-role.dto.js';
import { UpdateMeDto } from './dto/update-me.dto.js';
import { UserListDto, UserViewDto } from './dto/user-view.dto.js';
import { UsernamePipe } from './username.pipe.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid access token' })
// Their writes change what the gateway caches: answer only once it has seen them (ChangeFeed).
@UseInterceptors(CaughtUpAfterWritesInterceptor)
@Controller('auth/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @ApiOkResponse({ type: UserViewDto })
  async me(@CurrentUser() caller: AuthUser): Promise<UserViewDto> {
    return UserViewDto.of(await this.users.me(caller));
  }

  @Put('me')
  @ApiOkResponse({ type: UserViewDto })
  @ApiBadRequestResponse({ description: 'Wrong current_password, a weak password, a bad email, or a role or unknown field' })
  @ApiTooManyRequestsResponse({ description: 'Too many wrong passwords for this account from this address; see Retry-After' })
  async updateMe(@CurrentUser() caller: AuthUser, @Body() dto: UpdateMeDto, @Ip() ip: string): Promise<UserViewDto> {
    return UserViewDto.of(await this.users.updateMe(caller, dto, ip));
  }

  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: UserListDto })
  async list(@Query() query: ListUsersQuery): Promise<UserListDto> {
    const { total, users } = await this.users.list(query.limit, query.offset);
    return { total, users: users.map(UserViewDto.of) };
  }

  @Put(':username/role')
  @Roles('admin')
  @ApiOkResponse({ type: UserViewDto, description: 'The new role holds at once, also for tokens issued before' })
  @ApiNotFoundResponse({ description: 'No such user' })
  @ApiConflictResponse({ description: 'The last admin cannot be demoted' })
  async setRole(@Param('username', UsernamePipe) username: string, @Body() dto: SetRoleDto): Promise<UserViewDto> {
    return UserViewDto.of(await this.users.setRole(username, dto.role));
  }

  @Delete(':username')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: "Deleted; the user's tokens stop working at once" })
  @ApiNotFoundResponse({ description: 'No such user' })
  @ApiConflictResponse({ description: 'The last admin cannot be deleted' })
  delete(@Param('username', UsernamePipe) username: string): Promise<void> {
    return this.users.delete(username);
  }
}
