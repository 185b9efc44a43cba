import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventPhotographer } from './entities/event-photographer.entity';
import { RaceEvent } from './entities/event.entity';
import { EventsController, PublicEventsController } from './events.controller';
import { EventsService } from './events.service';
import { SeoController } from './seo.controller';

/** Race events: the pros' CRUD (ownership checked in the service) the public listing and what search engines read (SeoController). */
@Module({
  imports: [TypeOrmModule.forFeature([RaceEvent, EventPhotographer])],
  controllers: [EventsController, PublicEventsController, SeoController],
  providers: [EventsService],
  exports: [EventsService],
})
export class EventsModule {}
