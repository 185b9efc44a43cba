import { Body, Controller, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthResponse } from '@focus-racer/api-types';
import type { Request } from 'express';
import { AuthThrottle } from '../common/decorators/auth-throttle.decorator';
import { Public } from '../common/decorators/public.decorator';
import { AuthService, ClientInfo } from './auth.service';
import {
  AuthResponseBody,
  LoginBody,
  PasswordResetConfirmBody,
  PasswordResetRequestBody,
  RefreshBody,
  RegisterBody,
} from './dto/auth.dto';

@ApiTags('auth')
@ApiTooManyRequestsResponse({ description: 'Too many requests from this IP, or too many failed sign-ins.' })
@Public()
@AuthThrottle()
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @ApiCreatedResponse({ type: AuthResponseBody })
  @ApiBadRequestResponse({ description: 'Invalid field, e.g. a weak password.' })
  @ApiConflictResponse({ description: 'An account with this email already exists.' })
  register(@Body() body: RegisterBody, @Req() req: Request): Promise<AuthResponse> {
    return this.auth.register(body, clientOf(req));
  }

  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: AuthResponseBody })
  @ApiUnauthorizedResponse({ description: 'Email or password is incorrect.' })
  login(@Body() body: LoginBody, @Req() req: Request): Promise<AuthResponse> {
    return this.auth.login(body, clientOf(req));
  }

  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: AuthResponseBody, description: 'A new access token and a new refresh token.' })
  @ApiUnauthorizedResponse({ description: 'Unknown, expired or revoked refresh token (reuse revokes the session).' })
  refresh(@Body() body: RefreshBody, @Req() req: Request): Promise<AuthResponse> {
    return this.auth.refresh(body.refreshToken, clientOf(req));
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The session of this refresh token is revoked.' })
  logout(@Body() body: RefreshBody): Promise<void> {
    return this.auth.logout(body.refreshToken);
  }

  @Post('password-reset/request')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ description: 'If the account exists, an email with a reset link was sent.' })
  requestPasswordReset(@Body() body: PasswordResetRequestBody): Promise<void> {
    return this.auth.requestPasswordReset(body.email);
  }

  @Post('password-reset/confirm')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Password changed; every session of the account is signed out.' })
  @ApiBadRequestResponse({ description: 'Weak password, or the link is invalid, used or expired.' })
  confirmPasswordReset(@Body() body: PasswordResetConfirmBody): Promise<void> {
    return this.auth.confirmPasswordReset(body);
  }
}

function clientOf(req: Request): ClientInfo {
  return { ip: req.ip ?? 'unknown', userAgent: req.get('user-agent') ?? null };
}
