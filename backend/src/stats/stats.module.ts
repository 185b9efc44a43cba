import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { OrdersModule } from '../payments/orders/orders.module';
import { StatsController } from './stats.controller';
import { StatsService } from './stats.service';

/** The pros' statistics. Reads what other domains wrote (photos, bibs, searches, sales); owns no table. */
@Module({
  imports: [EventsModule, OrdersModule],
  controllers: [StatsController],
  providers: [StatsService],
})
export class StatsModule {}
