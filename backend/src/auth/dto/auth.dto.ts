import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AuthResponse,
  LoginRequest,
  LogoutRequest,
  PASSWORD_PATTERN,
  PASSWORD_RULE_MESSAGE,
  PasswordResetConfirm,
  PasswordResetRequest,
  RefreshRequest,
  RegisterRequest,
  Role,
  UserDto,
} from '@focus-racer/api-types';
import { Transform } from 'class-transformer';
import { IsEmail, IsEnum, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { UserResponse } from '../../users/dto/user.response';

const trimmed = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
const lowerCased = () => Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));

export class RegisterBody implements RegisterRequest {
  @ApiProperty({ example: 'alex@example.com' })
  @lowerCased() @IsEmail({}, { message: 'email must be a valid email address' }) @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Marathon2026!', description: PASSWORD_RULE_MESSAGE })
  @IsString({ message: PASSWORD_RULE_MESSAGE }) @Matches(PASSWORD_PATTERN, { message: PASSWORD_RULE_MESSAGE })
  password!: string;

  @ApiProperty({ example: 'Alex Martin' })
  @trimmed() @IsString() @IsNotEmpty({ message: 'displayName must not be empty' }) @MaxLength(120)
  displayName!: string;

  @ApiPropertyOptional({ enum: Role, enumName: 'Role', description: 'Defaults to RUNNER; pros pick one of PRO_ROLES. ADMIN is refused.' })
  @IsOptional() @IsEnum(Role, { message: `role must be one of: ${Object.values(Role).join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ description: 'The invite token of an event invitation link: a PHOTOGRAPHER registering with it joins the event.' })
  @IsOptional() @IsString({ message: 'invite must be a text' }) @MaxLength(200, { message: 'invite must be at most 200 characters' })
  invite?: string;
}

export class LoginBody implements LoginRequest {
  @ApiProperty({ example: 'alex@example.com' })
  @lowerCased() @IsString() @IsNotEmpty({ message: 'email must not be empty' }) @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString() @IsNotEmpty({ message: 'password must not be empty' }) @MaxLength(1024)
  password!: string;
}

export class RefreshBody implements RefreshRequest, LogoutRequest {
  @ApiProperty({ description: 'The refresh token from the last register, login or refresh.' })
  @IsString() @IsNotEmpty({ message: 'refreshToken must not be empty' }) @MaxLength(512)
  refreshToken!: string;
}

export class PasswordResetRequestBody implements PasswordResetRequest {
  @ApiProperty({ example: 'alex@example.com' })
  @lowerCased() @IsEmail({}, { message: 'email must be a valid email address' }) @MaxLength(254)
  email!: string;
}

export class PasswordResetConfirmBody implements PasswordResetConfirm {
  @ApiProperty({ description: 'The token from the link in the reset email.' })
  @IsString() @IsNotEmpty({ message: 'token must not be empty' }) @MaxLength(512)
  token!: string;

  @ApiProperty({ description: PASSWORD_RULE_MESSAGE })
  @IsString({ message: PASSWORD_RULE_MESSAGE }) @Matches(PASSWORD_PATTERN, { message: PASSWORD_RULE_MESSAGE })
  password!: string;
}

export class AuthResponseBody implements AuthResponse {
  @ApiProperty({ description: 'JWT (HS256) to send as `Authorization: Bearer <token>`.' }) accessToken!: string;
  @ApiProperty({ description: 'Seconds until the access token expires.', example: 900 }) expiresIn!: number;
  @ApiProperty({ description: 'Single-use: each refresh returns a new one.' }) refreshToken!: string;
  @ApiProperty({ type: UserResponse }) user!: UserDto;
}
