import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventWatermarks } from '../ai-pipeline/event-watermarks.service';
import { PhotoPipelineModule } from '../ai-pipeline/photo-pipeline.module';
import { MailModule } from '../mail/mail.module';
import { StorageModule } from '../storage/storage.module';
import { User } from '../users/entities/user.entity';
import { EventBrandingController } from './branding/event-branding.controller';
import { EventBrandingService } from './branding/event-branding.service';
import { EventPhotographer } from './entities/event-photographer.entity';
import { EventSearchDaily } from './entities/event-search-daily.entity';
import { RaceEvent } from './entities/event.entity';
import { EventMediaService } from './event-media.service';
import { EventSearchCounter } from './event-search-counter.service';
import { EventsController, PublicEventsController } from './events.controller';
import { EventsService } from './events.service';
import { EventPhotographersController } from './photographers/event-photographers.controller';
import { EventPhotographersService } from './photographers/event-photographers.service';
import { SeoController } from './seo.controller';

/**
 * Race events: the pros' CRUD and lifecycle (ownership checked in the service), cover and branding (watermark,
 * logo, preview, re-rendering the photos' public copies), the photographers working on each event and their
 * invitations, the count of runners' searches, the public listing and what search engines read (SeoController).
 */
@Module({
  imports: [TypeOrmModule.forFeature([RaceEvent, EventPhotographer, EventSearchDaily, User]), PhotoPipelineModule, StorageModule, MailModule],
  controllers: [EventsController, EventBrandingController, EventPhotographersController, PublicEventsController, SeoController],
  providers: [EventsService, EventMediaService, EventBrandingService, EventWatermarks, EventPhotographersService, EventSearchCounter],
  exports: [EventsService, EventPhotographersService, EventSearchCounter],
})
export class EventsModule {}
