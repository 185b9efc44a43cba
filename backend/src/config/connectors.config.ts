import { MinLength, ValidateIf } from 'class-validator';
import { Env, EnvVar, IsHttpUrl, IsIntegerString, mustBe, parseInteger, readEnv } from './config-loader';

class ConnectorsEnv {
  /**
   * Njuko's organiser API. Set by the operator only, never by a pro: a base URL a pro could choose would let
   * them make the server call any address (SSRF). Tests point it at a local stub.
   */
  @EnvVar() @IsHttpUrl()
  NJUKO_API_URL = 'https://api.njuko.net';

  /** KMS (kms.fr) API; same rule as NJUKO_API_URL. */
  @EnvVar() @IsHttpUrl()
  KMS_API_URL = 'https://www.kms.fr';

  /** A platform call that takes longer fails with a message; the sync runs in the request. */
  @EnvVar() @IsIntegerString(1, 300)
  CONNECTOR_TIMEOUT_SECONDS = '20';

  /** Largest start-list file (CSV upload, or a platform's export); default 5 MiB, about 50 000 runners. */
  @EnvVar() @IsIntegerString(1024, 100 * 1024 * 1024)
  START_LIST_MAX_BYTES = String(5 * 1024 * 1024);

  @EnvVar() @IsIntegerString(1, 1_000_000)
  START_LIST_MAX_ROWS = '50000';

  /**
   * Key that encrypts the platforms' API keys stored for events (AES-256-GCM). Unset, one is derived from
   * JWT_REFRESH_SECRET; set it to rotate that secret without asking organisers to enter their keys again.
   */
  @EnvVar()
  @ValidateIf((env: ConnectorsEnv) => env.CONNECTOR_CREDENTIALS_KEY !== undefined)
  @MinLength(32, { message: mustBe('at least 32 characters') })
  CONNECTOR_CREDENTIALS_KEY?: string;
}

/** Start-list imports: the registration platforms' endpoints and the size limits of a list. */
export class ConnectorsConfig {
  readonly njukoApiUrl!: string;
  readonly kmsApiUrl!: string;
  readonly timeoutMs!: number;
  readonly maxBytes!: number;
  readonly maxRows!: number;
  readonly credentialsKey!: string | null;

  static fromEnv(env: Env): ConnectorsConfig {
    const e = readEnv(ConnectorsEnv, env);
    return Object.assign(new ConnectorsConfig(), {
      njukoApiUrl: e.NJUKO_API_URL.replace(/\/+$/, ''),
      kmsApiUrl: e.KMS_API_URL.replace(/\/+$/, ''),
      timeoutMs: parseInteger(e.CONNECTOR_TIMEOUT_SECONDS) * 1000,
      maxBytes: parseInteger(e.START_LIST_MAX_BYTES),
      maxRows: parseInteger(e.START_LIST_MAX_ROWS),
      credentialsKey: e.CONNECTOR_CREDENTIALS_KEY ?? null,
    });
  }
}
