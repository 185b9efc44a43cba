import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app.config';
import { PaymentsConfig } from '../../config/payments.config';
import { PaymentSecrets } from '../payment-secrets';
import { checkDownload, DownloadCheck, DownloadTarget, signDownload, signOrderAccess, verifyOrderAccess } from './order-links';

/** The order's links as absolute URLs (the order page on the public site, downloads on the API), signed. */
@Injectable()
export class OrderLinkSigner {
  constructor(
    private readonly secrets: PaymentSecrets,
    private readonly payments: PaymentsConfig,
    private readonly app: AppConfig,
  ) {}

  /** `${PUBLIC_WEB_URL}/orders/<id>?t=<token>`, valid ORDER_LINK_TTL_DAYS at the order's current link version. */
  orderUrl(order: { id: string; downloadTokenVersion: number }, now = new Date()): string {
    const expiresAt = new Date(now.getTime() + this.payments.orderLinkTtlDays * 86_400_000);
    const token = signOrderAccess(this.secrets.downloadSigningSecret, order.id, order.downloadTokenVersion, expiresAt);
    return `${this.app.publicWebUrl}/orders/${order.id}?t=${encodeURIComponent(token)}`;
  }

  /**
   * 'current': the link of the order as it is. 'revoked': a genuine link from before a refund or dispute bumped the
   * version: it may still show what happened to the order, never hand out downloads. false: expired or forged.
   */
  orderLinkState(order: { id: string; downloadTokenVersion: number }, token: string | undefined): 'current' | 'revoked' | false {
    if (token === undefined) return false;
    const secret = this.secrets.downloadSigningSecret;
    if (verifyOrderAccess(secret, order.id, order.downloadTokenVersion, token)) return 'current';
    for (let version = order.downloadTokenVersion - 1; version >= 1; version--) {
      if (verifyOrderAccess(secret, order.id, version, token)) return 'revoked';
    }
    return false;
  }

  /** When download links made now stop working. */
  downloadExpiry(now = new Date()): Date {
    return new Date(now.getTime() + this.payments.downloadLinkTtlHours * 3_600_000);
  }

  downloadUrl(order: { id: string; downloadTokenVersion: number }, target: DownloadTarget, expiresAt: Date): string {
    const { exp, v, sig } = signDownload(this.secrets.downloadSigningSecret, order.id, target, order.downloadTokenVersion, expiresAt);
    const path = target.kind === 'zip' ? 'download.zip' : `items/${target.itemId}/download`;
    return `${this.payments.apiPublicUrl}/api/public/orders/${order.id}/${path}?exp=${exp}&v=${v}&sig=${sig}`;
  }

  checkDownload(order: { id: string; downloadTokenVersion: number }, target: DownloadTarget, query: { exp?: string; v?: string; sig?: string }): DownloadCheck {
    return checkDownload(this.secrets.downloadSigningSecret, order.id, target, order.downloadTokenVersion, query);
  }
}
