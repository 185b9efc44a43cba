import { AuthConfig } from '../config/auth.config';
import { PaymentsConfig } from '../config/payments.config';
import { PaymentSecrets } from './payment-secrets';

describe('PaymentSecrets', () => {
  const secrets = (env: Record<string, string>) => new PaymentSecrets(PaymentsConfig.fromEnv(env), AuthConfig.fromEnv(env));

  it('derives distinct, stable secrets from JWT_REFRESH_SECRET when DOWNLOAD_SIGNING_SECRET is unset', () => {
    const a = secrets({ JWT_REFRESH_SECRET: 'r'.repeat(40) });
    expect(a.downloadSigningSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(a.localWebhookSecret).toMatch(/^whsec_local_[0-9a-f]{64}$/);
    expect(secrets({ JWT_REFRESH_SECRET: 'r'.repeat(40) })).toEqual(a);
    expect(secrets({ JWT_REFRESH_SECRET: 's'.repeat(40) }).downloadSigningSecret).not.toBe(a.downloadSigningSecret);
  });

  it('uses DOWNLOAD_SIGNING_SECRET as given, so rotating JWT_REFRESH_SECRET keeps links valid', () => {
    const env = { DOWNLOAD_SIGNING_SECRET: 'd'.repeat(32) };
    expect(secrets({ ...env, JWT_REFRESH_SECRET: 'r'.repeat(40) }).downloadSigningSecret).toBe('d'.repeat(32));
    expect(secrets({ ...env, JWT_REFRESH_SECRET: 's'.repeat(40) }).localWebhookSecret).toBe(secrets({ ...env, JWT_REFRESH_SECRET: 'r'.repeat(40) }).localWebhookSecret);
  });
});
