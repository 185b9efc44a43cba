import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ConnectStatusDto, OnboardingLinkDto, PRO_ROLES } from '@focus-racer/api-types';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { ConnectService } from './connect.service';

/** A pro's payout account (Stripe Connect Express). */
@ApiTags('payments')
@ApiBearerAuth()
@Roles(...PRO_ROLES)
@Controller('payments/connect')
export class ConnectController {
  constructor(private readonly connect: ConnectService) {}

  @Get('status')
  @ApiOkResponse({ description: 'Whether the pro can sell: onboarding state of their Stripe account.' })
  status(@CurrentUser() user: AuthUser): Promise<ConnectStatusDto> {
    return this.connect.status(user.id);
  }

  /** Creates the account at the first call; answers a fresh single-use link to Stripe's onboarding each time. */
  @Post('onboarding-link')
  @HttpCode(200)
  @ApiOkResponse({ description: 'URL of the hosted onboarding (Stripe, or the local test page).' })
  onboardingLink(@CurrentUser() user: AuthUser): Promise<OnboardingLinkDto> {
    return this.connect.onboardingLink(user.id);
  }
}
