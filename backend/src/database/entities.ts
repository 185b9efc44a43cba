import { SupportMessage } from '../admin/entities/support-message.entity';
import { PasswordResetToken } from '../auth/entities/password-reset-token.entity';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { StartListConnectorSettings } from '../connectors/entities/start-list-connector.entity';
import { StartListEntry } from '../connectors/entities/start-list-entry.entity';
import { EventPhotographer } from '../events/entities/event-photographer.entity';
import { EventSearchDaily } from '../events/entities/event-search-daily.entity';
import { RaceEvent } from '../events/entities/event.entity';
import { GdprAuditLog } from '../gdpr/entities/gdpr-audit-log.entity';
import { GdprRequest } from '../gdpr/entities/gdpr-request.entity';
import { MarketplaceApplication } from '../marketplace/entities/marketplace-application.entity';
import { MarketplaceListing } from '../marketplace/entities/marketplace-listing.entity';
import { MarketplaceReview } from '../marketplace/entities/marketplace-review.entity';
import { CreditSubscription } from '../payments/entities/credit-subscription.entity';
import { CreditTransaction } from '../payments/entities/credit-transaction.entity';
import { LocalPaymentObject } from '../payments/entities/local-payment-object.entity';
import { OrderItem } from '../payments/entities/order-item.entity';
import { Order } from '../payments/entities/order.entity';
import { PaymentSettings } from '../payments/entities/payment-settings.entity';
import { Cart } from '../payments/orders/entities/cart.entity';
import { PricePack } from '../payments/entities/price-pack.entity';
import { ProcessedWebhookEvent } from '../payments/entities/processed-webhook-event.entity';
import { BibNumber } from '../photos/entities/bib-number.entity';
import { Face } from '../photos/entities/face.entity';
import { Favorite } from '../photos/entities/favorite.entity';
import { PhotoFeedback } from '../photos/entities/photo-feedback.entity';
import { Photo } from '../photos/entities/photo.entity';
import { UploadBatch } from '../photos/entities/upload-batch.entity';
import { User } from '../users/entities/user.entity';

/**
 * Every entity of the model, listed explicitly (no glob: the API is bundled by webpack). A new entity is added
 * here and gets a migration in the same commit.
 */
export const ALL_ENTITIES = [
  User,
  RefreshToken,
  PasswordResetToken,
  RaceEvent,
  EventPhotographer,
  EventSearchDaily,
  UploadBatch,
  Photo,
  BibNumber,
  Face,
  PhotoFeedback,
  Favorite,
  StartListEntry,
  StartListConnectorSettings,
  PricePack,
  Order,
  OrderItem,
  ProcessedWebhookEvent,
  CreditTransaction,
  PaymentSettings,
  CreditSubscription,
  LocalPaymentObject,
  Cart,
  GdprRequest,
  GdprAuditLog,
  MarketplaceListing,
  MarketplaceApplication,
  MarketplaceReview,
  SupportMessage,
];
