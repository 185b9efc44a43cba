import { ForbiddenException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { OrderDto, OrderStatus, OrderSummaryDto } from '@focus-racer/api-types';
import { isUUID } from 'class-validator';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuthUser } from '../../common/decorators/current-user.decorator';
import { mediaUrlOf } from '../../photos/photo-dto.mapper';
import { UploadConfig } from '../../config/upload.config';
import { OBJECT_STORAGE, ObjectStorage } from '../../storage/object-storage';
import { OrderItem } from '../entities/order-item.entity';
import { Order } from '../entities/order.entity';
import { PAYMENT_GATEWAY, PaymentGateway } from '../gateway/payment-gateway';
import { DownloadTarget } from './order-links';
import { contentTypeOf, openOrderFile, OrderFile, orderFilename, streamZip } from './order-files';
import { OrderLinkSigner } from './order-link-signer.service';
import { OrderPayments } from './order-payments.service';

export const ORDER_NOT_FOUND_MESSAGE = 'Order not found';
export const ORDER_LINK_INVALID_MESSAGE =
  'This order link has expired or is no longer valid. Open the link in your latest receipt email, or sign in to see your orders.';
export const DOWNLOAD_LINK_INVALID_MESSAGE =
  'This download link has expired or is no longer valid. Open your order page to get fresh links.';
export const ORDER_NOT_PAID_MESSAGE = 'The photos of this order cannot be downloaded: it is not paid (or it was refunded).';

/** A refused download: answered as a small HTML page to a browser, as the usual JSON error otherwise. */
export class DownloadDeniedException extends ForbiddenException {}

const MY_ORDERS_LIMIT = 200;

/**
 * The runner's side of an order after checkout: its page (opened with the signed `t` token, or by the signed-in
 * buyer), the history of a signed-in runner, and the files. Every file request is checked here, against the order
 * as it is now (paid, link version current), so a refund or a dispute revokes the links at once.
 */
@Injectable()
export class OrdersService {
  private readonly logger = new Logger('Orders');

  constructor(
    private readonly dataSource: DataSource,
    private readonly links: OrderLinkSigner,
    private readonly payments: OrderPayments,
    private readonly upload: UploadConfig,
    @Inject(PAYMENT_GATEWAY) private readonly gateway: PaymentGateway,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  async get(orderId: string, token: string | undefined, user: AuthUser | undefined): Promise<OrderDto> {
    let order = await this.load(orderId);
    const isBuyer = user !== undefined && order.buyerId === user.id;
    if (!isBuyer) {
      const link = this.links.orderLinkState(order, token);
      // A receipt link from before a refund or dispute still says what happened (the DTO of an unpaid order has no
      // downloads); a forged or expired one says nothing.
      const canSee = link === 'current' || (link === 'revoked' && order.status !== OrderStatus.PAID);
      if (!canSee) throw new ForbiddenException(ORDER_LINK_INVALID_MESSAGE);
    }
    if (order.status === OrderStatus.PENDING && (await this.recheckPayment(order))) order = await this.load(orderId);
    return this.toOrderDto(order);
  }

  /** Orders placed while signed in, newest first. Guest orders are not attached by email: emails are not verified. */
  async mine(user: AuthUser): Promise<OrderSummaryDto[]> {
    const orders = await this.dataSource.getRepository(Order).find({
      where: { buyerId: user.id },
      relations: { event: true, items: true },
      order: { createdAt: 'DESC' },
      take: MY_ORDERS_LIMIT,
    });
    return orders.map((order) => ({
      id: order.id,
      status: order.status,
      event: order.event ? { id: order.event.id, slug: order.event.slug, name: order.event.name } : null,
      createdAt: order.createdAt.toISOString(),
      paidAt: order.paidAt?.toISOString() ?? null,
      photoCount: order.items?.length ?? 0,
      totalCents: order.totalCents,
      currency: order.currency,
      orderUrl: this.links.orderUrl(order),
    }));
  }

  /** Opens one file after checking the link and the order. */
  async openItem(
    orderId: string,
    itemId: string,
    query: DownloadQuery,
  ): Promise<{ file: OrderFile; contentType: string; stream: Readable; length: number | undefined }> {
    if (!isUUID(itemId)) throw new DownloadDeniedException(DOWNLOAD_LINK_INVALID_MESSAGE);
    const order = await this.downloadable(orderId, { kind: 'item', itemId }, query);
    const file = this.filesOf(order).find((candidate) => candidate.itemId === itemId);
    if (!file) throw new NotFoundException('This photo is no longer part of the order (it was deleted by the photographer).');
    // The original's size lets the browser show progress; the web copy is made on the fly, its size unknown.
    const length = file.resolution === 'hd' ? (await this.storage.stat(file.originalKey))?.size : undefined;
    return { file, contentType: contentTypeOf(file), stream: await openOrderFile(this.storage, file, this.upload.maxMegapixels), length };
  }

  /** Checks the ZIP link and the order, then returns what writes the archive (headers are sent by the caller first). */
  async openZip(orderId: string, query: DownloadQuery): Promise<{ filename: string; write: (out: NodeJS.WritableStream) => Promise<void> }> {
    const order = await this.downloadable(orderId, { kind: 'zip' }, query);
    const files = this.filesOf(order);
    if (files.length === 0) throw new NotFoundException('The photos of this order are no longer available.');
    return {
      filename: `${order.event?.slug ?? 'photos'}-${order.id.slice(0, 8)}.zip`,
      write: (out) => streamZip(this.storage, files, out, this.upload.maxMegapixels),
    };
  }

  // ---------------------------------------------------------------------------------------------------------------

  /**
   * The order page asks Stripe directly when the webhook has not arrived yet (the runner is back from paying before
   * Stripe's event): the same transition as the webhook, so whichever comes first pays the order, once.
   */
  private async recheckPayment(order: Order): Promise<boolean> {
    if (this.gateway.mode !== 'stripe' || order.paymentMode !== 'stripe' || !order.stripePaymentIntentId) return false;
    let intent;
    try {
      intent = await this.gateway.retrievePaymentIntent(order.stripePaymentIntentId);
    } catch (error) {
      this.logger.warn(`Order ${order.id}: could not ask Stripe about its payment: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
    if (intent.status !== 'succeeded') return false;
    const outcome = await this.dataSource.transaction((manager) =>
      this.payments.succeeded(manager, { paymentIntentId: intent.id, amountCents: intent.amountCents, currency: intent.currency, metadata: intent.metadata }),
    );
    await outcome.afterCommit?.();
    return true;
  }

  private async downloadable(orderId: string, target: DownloadTarget, query: DownloadQuery): Promise<Order> {
    if (!isUUID(orderId)) throw new DownloadDeniedException(DOWNLOAD_LINK_INVALID_MESSAGE);
    const order = await this.dataSource.getRepository(Order).findOne({
      where: { id: orderId },
      relations: { event: true, items: { photo: true } },
    });
    if (!order) throw new DownloadDeniedException(DOWNLOAD_LINK_INVALID_MESSAGE);
    if (this.links.checkDownload(order, target, query) !== 'ok') throw new DownloadDeniedException(DOWNLOAD_LINK_INVALID_MESSAGE);
    if (order.status !== OrderStatus.PAID) throw new DownloadDeniedException(ORDER_NOT_PAID_MESSAGE);
    return order;
  }

  private filesOf(order: Order): Array<OrderFile & { itemId: string }> {
    return sortedItems(order).flatMap((item) =>
      item.photo
        ? [
            {
              itemId: item.id,
              filename: orderFilename(order.event?.slug ?? null, item.position, item.resolution, item.photo.originalKey),
              originalKey: item.photo.originalKey,
              resolution: item.resolution,
              mimeType: item.photo.mimeType,
            },
          ]
        : [],
    );
  }

  private async load(orderId: string): Promise<Order> {
    if (!isUUID(orderId)) throw new NotFoundException(ORDER_NOT_FOUND_MESSAGE);
    const order = await this.dataSource.getRepository(Order).findOne({
      where: { id: orderId },
      relations: { event: true, items: { photo: true, pricePack: true } },
    });
    if (!order) throw new NotFoundException(ORDER_NOT_FOUND_MESSAGE);
    return order;
  }

  private toOrderDto(order: Order): OrderDto {
    const items = sortedItems(order);
    let downloads: OrderDto['downloads'] = null;
    if (order.status === OrderStatus.PAID) {
      const expiresAt = this.links.downloadExpiry();
      downloads = {
        expiresAt: expiresAt.toISOString(),
        zipUrl: this.links.downloadUrl(order, { kind: 'zip' }, expiresAt),
        files: this.filesOf(order).map((file) => ({
          itemId: file.itemId,
          filename: file.filename,
          url: this.links.downloadUrl(order, { kind: 'item', itemId: file.itemId }, expiresAt),
        })),
      };
    }
    return {
      id: order.id,
      status: order.status,
      event: order.event ? { id: order.event.id, slug: order.event.slug, name: order.event.name } : null,
      createdAt: order.createdAt.toISOString(),
      paidAt: order.paidAt?.toISOString() ?? null,
      refundedAt: order.refundedAt?.toISOString() ?? null,
      currency: order.currency,
      subtotalCents: order.subtotalCents,
      serviceFeeCents: order.serviceFeeCents,
      totalCents: order.totalCents,
      buyerEmail: order.buyerEmail ? maskEmail(order.buyerEmail) : null,
      mode: order.paymentMode,
      failureMessage: order.failureMessage,
      items: items.map((item) => ({
        id: item.id,
        photoId: item.photoId,
        resolution: item.resolution,
        unitPriceCents: item.unitPriceCents,
        packName: item.pricePack?.name ?? null,
        thumbUrl: mediaUrlOf(item.photo?.thumbKey ?? null),
      })),
      downloads,
    };
  }
}

export interface DownloadQuery {
  exp?: string;
  v?: string;
  sig?: string;
}

function sortedItems(order: Order): OrderItem[] {
  return [...(order.items ?? [])].sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
}

/** `j***@example.com`: enough for the runner to recognise their address, not enough to harvest it from a shared link. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}
