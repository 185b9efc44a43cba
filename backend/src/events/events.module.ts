import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventPhotographer } from './entities/event-photographer.entity';
import { RaceEvent } from './entities/event.entity';
import { EventsController, PublicEventsController } from './events.controller';
import { EventsService } from './events.service';

/** Race events: the pros' CRUD (ownership checked in the service) and the public listing. */
@Module({
  imports: [TypeOrmModule.forFeature([RaceEvent, EventPhotographer])],
  controllers: [EventsController, PublicEventsController],
  providers: [EventsService],
  exports: [EventsService],
})
export class EventsModule {}
