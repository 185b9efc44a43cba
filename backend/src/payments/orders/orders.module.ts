import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../../events/events.module';
import { MailModule } from '../../mail/mail.module';
import { StorageModule } from '../../storage/storage.module';
import { PricePack } from '../entities/price-pack.entity';
import { PaymentsModule } from '../payments.module';
import { CartPricer } from './cart-pricer.service';
import { CheckoutService } from './checkout.service';
import { Cart } from './entities/cart.entity';
import { MyOrdersController } from './my-orders.controller';
import { OrderPayments } from './order-payments.service';
import { OrderReceiptsModule } from './order-receipts.module';
import { OrderWebhooksHandler } from './order-webhooks.handler';
import { OrdersService } from './orders.service';
import { PricePacksController } from './price-packs.controller';
import { PricePacksService } from './price-packs.service';
import { PublicOrdersController } from './public-orders.controller';
import { SalesController } from './sales.controller';
import { SalesService } from './sales.service';
import { StoredCartService } from './stored-cart.service';

/**
 * Photo orders: the event owners' prices, the runner's cart and checkout, the payment reports that settle an order
 * (registered with the webhook pipeline of PaymentsModule), the receipt, the signed downloads, and the sellers'
 * sales. Money flows through PaymentsModule's gateway; this module owns the orders, order_items, price_packs and
 * carts tables.
 */
@Module({
  imports: [TypeOrmModule.forFeature([PricePack, Cart]), PaymentsModule, OrderReceiptsModule, EventsModule, MailModule, StorageModule],
  controllers: [PricePacksController, PublicOrdersController, MyOrdersController, SalesController],
  providers: [
    PricePacksService,
    CartPricer,
    CheckoutService,
    OrderPayments,
    OrderWebhooksHandler,
    OrdersService,
    SalesService,
    StoredCartService,
  ],
  // The event statistics (stats/) read sales through it.
  exports: [SalesService],
})
export class OrdersModule {}
