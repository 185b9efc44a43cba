import { ConnectorsConfig } from './connectors.config';

describe('ConnectorsConfig', () => {
  it('defaults to the platforms\' public APIs, 20 s calls, 5 MiB and 50 000 rows, and a derived credentials key', () => {
    expect(ConnectorsConfig.fromEnv({})).toEqual(
      Object.assign(new ConnectorsConfig(), {
        njukoApiUrl: 'https://api.njuko.net',
        kmsApiUrl: 'https://www.kms.fr',
        timeoutMs: 20_000,
        maxBytes: 5_242_880,
        maxRows: 50_000,
        credentialsKey: null,
      }),
    );
  });

  it('reads the variables and names a bad one', () => {
    expect(ConnectorsConfig.fromEnv({ NJUKO_API_URL: 'http://127.0.0.1:4010/', START_LIST_MAX_ROWS: '10' })).toMatchObject({
      njukoApiUrl: 'http://127.0.0.1:4010',
      maxRows: 10,
    });
    expect(() => ConnectorsConfig.fromEnv({ KMS_API_URL: 'ftp://kms.fr' })).toThrow('KMS_API_URL must be an http(s) URL');
    expect(() => ConnectorsConfig.fromEnv({ CONNECTOR_CREDENTIALS_KEY: 'short' })).toThrow('CONNECTOR_CREDENTIALS_KEY must be at least 32 characters');
  });
});
