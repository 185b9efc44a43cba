import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OrderSummaryDto, StoredCartDto } from '@focus-racer/api-types';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { CartItemsBody, toCartItem } from './dto/cart.dto';
import { OrdersService } from './orders.service';
import { StoredCartService } from './stored-cart.service';

/** The signed-in user's cart and orders (any role: a photographer may run races too). */
@ApiTags('orders')
@ApiBearerAuth()
@Controller('me')
export class MyOrdersController {
  constructor(
    private readonly carts: StoredCartService,
    private readonly orders: OrdersService,
  ) {}

  @Get('cart')
  @ApiOkResponse({ description: 'The cart kept on the server (empty when never saved).' })
  cart(@CurrentUser() user: AuthUser): Promise<StoredCartDto> {
    return this.carts.get(user.id);
  }

  @Put('cart')
  @ApiOkResponse({ description: 'Replaces the cart (duplicates dropped).' })
  saveCart(@CurrentUser() user: AuthUser, @Body() body: CartItemsBody): Promise<StoredCartDto> {
    return this.carts.replace(user.id, body.items.map(toCartItem));
  }

  @Get('orders')
  @ApiOkResponse({ description: 'Orders placed while signed in, newest first, each with a fresh order page link.' })
  list(@CurrentUser() user: AuthUser): Promise<OrderSummaryDto[]> {
    return this.orders.mine(user);
  }
}
