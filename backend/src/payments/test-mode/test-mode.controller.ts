import { Controller, Get, NotFoundException, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../common/decorators/public.decorator';
import { AppConfig } from '../../config/app.config';
import { LocalPaymentObject } from '../entities/local-payment-object.entity';
import { TEST_MODE_PATH } from '../gateway/local-test.gateway';
import { checkoutSessionPage, deliveryFailedPage, donePage, onboardingPage, paymentIntentPage } from './test-mode.pages';
import { ActionResult, CHECKOUT_ACTIONS, CheckoutAction, TestModeService } from './test-mode.service';

const CHECKOUT_BASE = `/api/${TEST_MODE_PATH}/checkout`;
const ONBOARDING_BASE = `/api/${TEST_MODE_PATH}/onboarding`;

/**
 * The pages that play Stripe's checkout and onboarding in the local test mode (404 when Stripe is configured).
 * Public: the runner's browser opens them from the checkout, like Stripe's own pages, and holding the object's
 * random id is what grants access. Actions are POST forms; no money exists here to steal.
 */
@ApiExcludeController()
@Public()
@Controller(TEST_MODE_PATH)
export class TestModeController {
  constructor(
    private readonly testMode: TestModeService,
    private readonly app: AppConfig,
  ) {}

  @Get('checkout/:id')
  async checkoutPage(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const row = await this.testMode.checkoutObject(id);
    const html =
      row.kind === 'payment_intent'
        ? paymentIntentPage(row, CHECKOUT_BASE)
        : checkoutSessionPage(row, await this.testMode.subscriptionOf(row), CHECKOUT_BASE);
    this.sendHtml(res, 200, html, row);
  }

  @Post('checkout/:id/:action')
  async checkoutAction(@Param('id') id: string, @Param('action') action: string, @Res() res: Response): Promise<void> {
    if (!CHECKOUT_ACTIONS.includes(action as CheckoutAction)) throw new NotFoundException(`Unknown test-mode action "${action}".`);
    this.reply(res, await this.testMode.act(id, action as CheckoutAction), CHECKOUT_BASE, 'Done.');
  }

  @Get('onboarding/:accountId')
  async onboardingPage(@Param('accountId') accountId: string, @Res() res: Response): Promise<void> {
    const account = await this.testMode.account(accountId);
    this.sendHtml(res, 200, onboardingPage(account, ONBOARDING_BASE), account);
  }

  @Post('onboarding/:accountId/complete')
  async completeOnboarding(@Param('accountId') accountId: string, @Res() res: Response): Promise<void> {
    this.reply(res, await this.testMode.completeOnboarding(accountId), ONBOARDING_BASE, 'Onboarding completed.');
  }

  @Post('onboarding/:accountId/redeliver')
  async redeliverOnboarding(@Param('accountId') accountId: string, @Res() res: Response): Promise<void> {
    await this.testMode.account(accountId);
    this.reply(res, await this.testMode.redeliver(accountId), ONBOARDING_BASE, 'Onboarding completed.');
  }

  private reply(res: Response, result: ActionResult, basePath: string, doneMessage: string): void {
    if ('deliveryFailed' in result) return this.sendHtml(res, 500, deliveryFailedPage(result.object, result.deliveryFailed, basePath), result.object);
    if (result.redirectTo) return void res.redirect(303, result.redirectTo);
    this.sendHtml(res, 200, donePage(doneMessage), null);
  }

  /**
   * Helmet's policy limits form targets to this origin, and browsers apply that to the redirect after the POST
   * too: the return pages of the web apps (and the object's own return URLs) are allowed here.
   */
  private sendHtml(res: Response, status: number, html: string, row: LocalPaymentObject | null): void {
    const urls = [this.app.publicWebUrl, this.app.proWebUrl, this.app.adminWebUrl, ...returnUrlsOf(row)];
    const origins = [...new Set(urls.map(originOf).filter((o): o is string => o !== null))];
    res
      .status(status)
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${origins.join(' ')}; frame-ancestors 'none'; base-uri 'none'`,
      })
      .send(html);
  }
}

function returnUrlsOf(row: LocalPaymentObject | null): string[] {
  if (!row) return [];
  const d = row.data;
  const metadata = (d['metadata'] ?? {}) as Record<string, unknown>;
  return [metadata['returnUrl'], d['success_url'], d['cancel_url'], d['return_url']].filter((u): u is string => typeof u === 'string');
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
