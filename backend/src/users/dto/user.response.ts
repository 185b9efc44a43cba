import { ApiProperty } from '@nestjs/swagger';
import { Page, Role, UserDto } from '@focus-racer/api-types';

/** Swagger description of UserDto. */
export class UserResponse implements UserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'runner@example.com' }) email!: string;
  @ApiProperty({ example: 'Alex Martin' }) displayName!: string;
  @ApiProperty({ enum: Role, enumName: 'Role' }) role!: Role;
  @ApiProperty() stripeOnboarded!: boolean;
  @ApiProperty({ description: 'Processing credits left.' }) creditBalance!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class UserPageResponse implements Page<UserDto> {
  @ApiProperty({ type: [UserResponse] }) items!: UserDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
