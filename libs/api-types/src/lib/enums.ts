/** Status enums shared by the API's entities and the apps. String values are what the database stores. */

export enum EventStatus {
  DRAFT = 'draft',
  PUBLISHED = 'published',
  ARCHIVED = 'archived',
}

export enum PhotoStatus {
  UPLOADED = 'uploaded',
  PROCESSING = 'processing',
  PROCESSED = 'processed',
  FAILED = 'failed',
}

export enum BibSource {
  OCR = 'ocr',
  FACE_LINK = 'face-link',
  MANUAL = 'manual',
}

export enum OrderStatus {
  PENDING = 'pending',
  PAID = 'paid',
  FAILED = 'failed',
  REFUNDED = 'refunded',
  DISPUTED = 'disputed',
  CANCELLED = 'cancelled',
}

export enum PricePackKind {
  SINGLE = 'single',
  PACK = 'pack',
  ALL_MY_PHOTOS = 'all_my_photos',
  DIGITAL_WEB = 'digital_web',
}

export enum CreditReason {
  PURCHASE = 'purchase',
  SUBSCRIPTION = 'subscription',
  PHOTO_PROCESSED = 'photo_processed',
  REFUND = 'refund',
  ADMIN_ADJUSTMENT = 'admin_adjustment',
  SIGNUP_BONUS = 'signup_bonus',
}

export enum GdprRequestType {
  ACCESS = 'access',
  ERASURE = 'erasure',
  RECTIFICATION = 'rectification',
}

export enum GdprRequestStatus {
  RECEIVED = 'received',
  IN_PROGRESS = 'in_progress',
  COMPLETED = 'completed',
  REJECTED = 'rejected',
}

export enum MarketplaceListingStatus {
  OPEN = 'open',
  CLOSED = 'closed',
}

export enum MarketplaceApplicationStatus {
  PENDING = 'pending',
  ACCEPTED = 'accepted',
  REJECTED = 'rejected',
  WITHDRAWN = 'withdrawn',
}

export enum SupportMessageStatus {
  OPEN = 'open',
  ANSWERED = 'answered',
  CLOSED = 'closed',
}
