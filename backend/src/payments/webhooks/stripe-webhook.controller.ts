import { BadRequestException, Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Request } from 'express';
import { Public } from '../../common/decorators/public.decorator';
import { WebhookSignatureError } from '../gateway/payment-gateway';
import { StripeWebhookService, WebhookResult } from './stripe-webhook.service';

/** Path of the webhook under the API prefix: http-app.ts keeps this route's body raw (the signature covers its bytes). */
export const STRIPE_WEBHOOK_PATH = 'payments/webhook';

@Controller()
export class StripeWebhookController {
  constructor(private readonly webhooks: StripeWebhookService) {}

  /**
   * Called by Stripe (or the local test mode); authenticated by the Stripe-Signature header, not a user token.
   * Not rate-limited: Stripe sends bursts from a few addresses, and a 429 would only delay payments being seen.
   */
  @Public()
  @SkipThrottle()
  @Post(STRIPE_WEBHOOK_PATH)
  @HttpCode(200)
  @ApiExcludeEndpoint()
  async receive(@Req() request: Request, @Headers('stripe-signature') signature: string | undefined): Promise<WebhookResult> {
    const body: unknown = request.body;
    if (!Buffer.isBuffer(body) || body.length === 0) throw new BadRequestException('The webhook body is empty.');
    try {
      return await this.webhooks.process(body, signature);
    } catch (error) {
      if (error instanceof WebhookSignatureError) throw new BadRequestException(error.message);
      throw error;
    }
  }
}
