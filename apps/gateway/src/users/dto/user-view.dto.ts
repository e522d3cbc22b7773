import { ApiProperty } from '@nestjs/swagger';
import { USER_ROLES, type UserEntity, type UserRole } from '#libs/database';

/** A user as the API shows them: never the password hash or token state. */
export class UserViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'satoshi' })
  username: string;

  @ApiProperty({ type: String, nullable: true, example: 'satoshi@example.com' })
  email: string | null;

  @ApiProperty({ enum: USER_ROLES })
  role: UserRole;

  @ApiProperty()
  createdAt: Date;

  static of(user: UserEntity): UserViewDto {
    return { id: user.id, username: user.username, email: user.email, role: user.role, createdAt: user.createdAt };
  }
}

export class UserListDto {
  @ApiProperty()
  total: number;

  @ApiProperty({ type: [UserViewDto] })
  users: UserViewDto[];
}
