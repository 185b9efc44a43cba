import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthConfig } from '../config/auth.config';
import { ConnectorsConfig } from '../config/connectors.config';
import { EventsModule } from '../events/events.module';
import { CredentialsCipher } from './credentials-cipher';
import { StartListConnectorSettings } from './entities/start-list-connector.entity';
import { StartListEntry } from './entities/start-list-entry.entity';
import { StartListPlatforms } from './platforms/start-list-platforms';
import { EventBibResnapper } from './resnap/event-bib-resnapper';
import { StartListController } from './start-list.controller';
import { StartListDirectory } from './start-list-directory';
import { StartListService } from './start-list.service';
import { StartListStore } from './start-list.store';

/**
 * Start lists: CSV imports and the registration platforms (Njuko, KMS), one import path for all (rules, report,
 * upsert by bib, re-snap of the event's photos to the new list), and the runners' lookups search uses.
 */
@Module({
  imports: [TypeOrmModule.forFeature([StartListEntry, StartListConnectorSettings]), EventsModule],
  controllers: [StartListController],
  providers: [
    StartListService,
    StartListStore,
    StartListDirectory,
    StartListPlatforms,
    EventBibResnapper,
    {
      provide: CredentialsCipher,
      inject: [ConnectorsConfig, AuthConfig],
      useFactory: (connectors: ConnectorsConfig, auth: AuthConfig) => new CredentialsCipher(connectors.credentialsKey ?? auth.refreshSecret),
    },
  ],
  exports: [StartListDirectory],
})
export class ConnectorsModule {}
