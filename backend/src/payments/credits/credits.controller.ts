import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CreditCheckoutResponse, CreditsOverviewDto, PRO_ROLES } from '@focus-racer/api-types';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { CreditsService } from './credits.service';
import { CreditCheckoutBody, CreditsQuery } from './dto/credits.dto';

/** A pro's processing credits: balance, ledger, offers, and buying more. */
@ApiTags('payments')
@ApiBearerAuth()
@Roles(...PRO_ROLES)
@Controller('payments/credits')
export class CreditsController {
  constructor(private readonly credits: CreditsService) {}

  @Get()
  @ApiOkResponse({ description: 'Balance, offers, subscription and the newest ledger lines (page with ?before=).' })
  overview(@CurrentUser() user: AuthUser, @Query() query: CreditsQuery): Promise<CreditsOverviewDto> {
    return this.credits.overview(user.id, query.before);
  }

  @Post('checkout')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Where to send the browser: Stripe Checkout, or the local test page.' })
  checkout(@CurrentUser() user: AuthUser, @Body() body: CreditCheckoutBody): Promise<CreditCheckoutResponse> {
    return this.credits.checkout(user.id, body.offerId);
  }
}
