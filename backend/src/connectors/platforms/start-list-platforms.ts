import { Injectable } from '@nestjs/common';
import type { StartListProvider } from '@focus-racer/api-types';
import { ConnectorsConfig } from '../../config/connectors.config';
import { PlatformConnectorRequest, StartListConnector } from '../start-list-connector';
import { KmsStartListConnector } from './kms.connector';
import { NjukoStartListConnector } from './njuko.connector';
import { PlatformHttp } from './platform-http';

/** The platform connectors, built once from the operator's configuration (URLs, time and size limits). */
@Injectable()
export class StartListPlatforms {
  private readonly connectors: Record<StartListProvider, StartListConnector<PlatformConnectorRequest>>;

  constructor(config: ConnectorsConfig) {
    const http = (platform: string, baseUrl: string) => new PlatformHttp({ platform, baseUrl, timeoutMs: config.timeoutMs, maxBytes: config.maxBytes * 4 });
    this.connectors = {
      // JSON is wordier than CSV, hence the larger byte budget per response above.
      njuko: new NjukoStartListConnector(http('Njuko', config.njukoApiUrl), config.maxRows),
      kms: new KmsStartListConnector(http('KMS', config.kmsApiUrl), config.maxRows),
    };
  }

  connector(provider: StartListProvider): StartListConnector<PlatformConnectorRequest> {
    return this.connectors[provider];
  }
}
