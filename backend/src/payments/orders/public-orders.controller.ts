import { Body, Controller, Get, Header, HttpCode, HttpStatus, Logger, Param, Post, Query, StreamableFile, UseFilters } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CartQuoteDto, CheckoutResponse, EventPricingDto, OrderDto } from '@focus-racer/api-types';
import { PassThrough } from 'node:stream';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { PaymentSettingsService } from '../settings/payment-settings.service';
import { CartPricer } from './cart-pricer.service';
import { CheckoutService } from './checkout.service';
import { DownloadDeniedFilter } from './download-denied.filter';
import { CartItemsBody, CheckoutBody, toCartItem } from './dto/cart.dto';
import { DownloadLinkQuery, OrderPageQuery } from './dto/orders-query.dto';
import { OrdersService } from './orders.service';
import { PricePacksService } from './price-packs.service';

/** `attachment; filename="…"`: names are made of [A-Za-z0-9.-] (see orderFilename), so no encoding is needed. */
const attachment = (filename: string) => `attachment; filename="${filename}"`;

/**
 * What a runner does without an account (a signed-in one is recognised): see an event's prices, price a cart,
 * check out, open the order page and download the photos. Order pages and files are protected by signed links.
 */
@ApiTags('orders')
@Public({ optionalUser: true })
@Controller('public')
export class PublicOrdersController {
  private readonly logger = new Logger('Downloads');

  constructor(
    private readonly packs: PricePacksService,
    private readonly pricer: CartPricer,
    private readonly settings: PaymentSettingsService,
    private readonly checkoutService: CheckoutService,
    private readonly orders: OrdersService,
  ) {}

  @Get('events/:slug/pricing')
  @ApiOkResponse({ description: 'Active prices, the service fee, and whether photos can be bought now.' })
  pricing(@Param('slug') slug: string): Promise<EventPricingDto> {
    return this.packs.publicPricing(slug);
  }

  @Post('cart/quote')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: 'The cart priced per event (one order each); items that cannot be bought come back in `rejected`.' })
  async quote(@Body() body: CartItemsBody): Promise<CartQuoteDto> {
    return this.pricer.quote(body.items.map(toCartItem), (await this.settings.current()).serviceFeeCents);
  }

  @Post('checkout')
  @ApiCreatedResponse({ description: 'The order and how to pay it (Payment Element secret, or the local test page).' })
  @ApiConflictResponse({ description: 'The event cannot be bought now, or items are no longer available.' })
  checkout(@Body() body: CheckoutBody, @CurrentUser() user?: AuthUser): Promise<CheckoutResponse> {
    return this.checkoutService.checkout(body, user);
  }

  @Get('orders/:id')
  @ApiOkResponse({ description: 'The order, with fresh download links while it is paid.' })
  @ApiForbiddenResponse({ description: 'No valid access token (and not the signed-in buyer).' })
  order(@Param('id') id: string, @Query() query: OrderPageQuery, @CurrentUser() user?: AuthUser): Promise<OrderDto> {
    return this.orders.get(id, query.t, user);
  }

  @Get('orders/:id/items/:itemId/download')
  @UseFilters(DownloadDeniedFilter)
  // A paid file whose link may be revoked any minute is kept by no shared cache.
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('image/jpeg', 'image/png', 'image/webp')
  @ApiForbiddenResponse({ description: 'Link expired, altered or revoked, or the order is not paid (an HTML page for browsers).' })
  async download(@Param('id') id: string, @Param('itemId') itemId: string, @Query() query: DownloadLinkQuery): Promise<StreamableFile> {
    const { file, contentType, stream, length } = await this.orders.openItem(id, itemId, query);
    return new StreamableFile(stream, { type: contentType, disposition: attachment(file.filename), length }).setErrorHandler((error, res) => {
      this.logger.error(`Order ${id}, item ${itemId}: download interrupted: ${error.message}`);
      res.destroy?.();
    });
  }

  @Get('orders/:id/download.zip')
  @UseFilters(DownloadDeniedFilter)
  @Header('Cache-Control', 'private, no-store')
  @ApiProduces('application/zip')
  @ApiForbiddenResponse({ description: 'Link expired, altered or revoked, or the order is not paid (an HTML page for browsers).' })
  async zip(@Param('id') id: string, @Query() query: DownloadLinkQuery): Promise<StreamableFile> {
    const zip = await this.orders.openZip(id, query);
    const body = new PassThrough();
    zip.write(body).catch((error: unknown) => {
      this.logger.error(`Order ${id}: ZIP interrupted: ${error instanceof Error ? error.message : String(error)}`);
      body.destroy(error instanceof Error ? error : new Error(String(error)));
    });
    // A ZIP cut short must fail in the browser, not look complete: the connection is dropped.
    return new StreamableFile(body, { type: 'application/zip', disposition: attachment(zip.filename) }).setErrorHandler((_error, res) => res.destroy?.());
  }
}
