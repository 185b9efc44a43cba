import { ApiPropertyOptional } from '@nestjs/swagger';
import { Role } from '@focus-racer/api-types';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/pagination/page-query.dto';

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: Role, enumName: 'Role' })
  @IsOptional()
  @IsEnum(Role, { message: `role must be one of: ${Object.values(Role).join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ description: 'Part of the email or display name (case-insensitive).' })
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;
}
