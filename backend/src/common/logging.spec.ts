import type { AppConfig } from '../config/app.config';
import { loggerParams } from './logging';

describe('request logs', () => {
  it('never write the access token an EventSource puts in the query', () => {
    const params = loggerParams({ logLevel: 'info', prettyLogs: false } as AppConfig);
    const serializers = (params.pinoHttp as { serializers: { req: (req: object) => { url: string } } }).serializers;
    const req = { id: 1, method: 'GET', headers: {}, remoteAddress: '::1' };
    expect(serializers.req({ ...req, url: '/api/events/e1/progress?access_token=eyJ.secret.sig&x=1' }).url).toBe('/api/events/e1/progress?access_token=[redacted]&x=1');
    expect(serializers.req({ ...req, url: '/api/events/e1/photos?cursor=c' }).url).toBe('/api/events/e1/photos?cursor=c');
  });
});
