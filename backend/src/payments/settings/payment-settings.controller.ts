import { Body, Controller, Get, Inject, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PaymentSettingsDto, PaymentsPublicConfigDto, Role } from '@focus-racer/api-types';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { PAYMENT_GATEWAY, PaymentGateway } from '../gateway/payment-gateway';
import { PaymentSettingsBody, PaymentsPublicConfigResponse } from './dto/payment-settings.dto';
import { PaymentSettingsService, toPaymentSettingsDto } from './payment-settings.service';

/** The platform's fees: admins change them, the apps read them with the payment mode. */
@ApiTags('payments')
@Controller()
export class PaymentSettingsController {
  constructor(
    private readonly settings: PaymentSettingsService,
    @Inject(PAYMENT_GATEWAY) private readonly gateway: PaymentGateway,
  ) {}

  @Get('admin/payments/settings')
  @Roles(Role.ADMIN)
  @ApiBearerAuth()
  @ApiOkResponse({ type: PaymentSettingsBody })
  async get(): Promise<PaymentSettingsDto> {
    return toPaymentSettingsDto(await this.settings.current());
  }

  @Put('admin/payments/settings')
  @Roles(Role.ADMIN)
  @ApiBearerAuth()
  @ApiOkResponse({ type: PaymentSettingsBody })
  async update(@Body() body: PaymentSettingsBody, @CurrentUser() admin: AuthUser): Promise<PaymentSettingsDto> {
    return toPaymentSettingsDto(await this.settings.update(body, admin.id));
  }

  /** Lets the apps label the test mode and load Stripe.js only when payments are real. */
  @Get('public/payments/config')
  @Public()
  @ApiOkResponse({ type: PaymentsPublicConfigResponse })
  async publicConfig(): Promise<PaymentsPublicConfigDto> {
    return { mode: this.gateway.mode, publishableKey: this.gateway.publishableKey, ...toPaymentSettingsDto(await this.settings.current()) };
  }
}
