import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CartItemInput, StoredCartDto } from '@focus-racer/api-types';
import { Repository } from 'typeorm';
import { itemKey } from './checkout-key';
import { Cart } from './entities/cart.entity';

/** The signed-in runner's cart on the server: items only (re-priced at every quote), replaced whole on PUT. */
@Injectable()
export class StoredCartService {
  constructor(@InjectRepository(Cart) private readonly carts: Repository<Cart>) {}

  async get(userId: string): Promise<StoredCartDto> {
    const cart = await this.carts.findOneBy({ userId });
    return { items: cart?.items ?? [], updatedAt: cart?.updatedAt.toISOString() ?? null };
  }

  async replace(userId: string, items: CartItemInput[]): Promise<StoredCartDto> {
    const seen = new Set<string>();
    const unique = items.filter((item) => !seen.has(itemKey(item)) && seen.add(itemKey(item)));
    await this.carts.upsert({ userId, items: unique, updatedAt: new Date() }, { conflictPaths: ['userId'] });
    return this.get(userId);
  }
}
