import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CartItemInput, PhotoResolution } from '@focus-racer/api-types';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsOptional, IsUUID, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';

/** A cart holds at most this many items; a bigger body is refused (400) rather than priced. */
export const MAX_CART_ITEMS = 500;
export const BIB_PATTERN = /^[A-Za-z0-9-]{1,12}$/;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/**
 * One CartItemInput. A tagged union in the contract; class-validator has no unions, so the fields of both kinds
 * are declared and each is required (and checked) only for its kind. toCartItem keeps only the kind's own fields.
 */
export class CartItemBody {
  @ApiProperty({ enum: ['photo', 'all-my-photos'] })
  @IsIn(['photo', 'all-my-photos'], { message: 'Each item’s kind must be "photo" or "all-my-photos"' })
  kind!: CartItemInput['kind'];

  @ApiPropertyOptional({ format: 'uuid', description: 'kind photo.' })
  @ValidateIf((item: CartItemBody) => item.kind === 'photo')
  @IsUUID('all', { message: 'photoId must be a photo id (UUID)' })
  photoId?: string;

  @ApiPropertyOptional({ enum: ['hd', 'web'], description: 'kind photo.' })
  @ValidateIf((item: CartItemBody) => item.kind === 'photo')
  @IsIn(['hd', 'web'], { message: 'resolution must be "hd" or "web"' })
  resolution?: PhotoResolution;

  @ApiPropertyOptional({ format: 'uuid', description: 'kind all-my-photos.' })
  @ValidateIf((item: CartItemBody) => item.kind === 'all-my-photos')
  @IsUUID('all', { message: 'eventId must be an event id (UUID)' })
  eventId?: string;

  @ApiPropertyOptional({ example: '1234', description: 'kind all-my-photos.' })
  @ValidateIf((item: CartItemBody) => item.kind === 'all-my-photos')
  @Transform(trim)
  @Matches(BIB_PATTERN, { message: 'bib must be 1 to 12 letters or digits' })
  bib?: string;
}

export function toCartItem(body: CartItemBody): CartItemInput {
  return body.kind === 'photo'
    ? { kind: 'photo', photoId: (body.photoId as string).toLowerCase(), resolution: body.resolution as PhotoResolution }
    : { kind: 'all-my-photos', eventId: (body.eventId as string).toLowerCase(), bib: body.bib as string };
}

export class CartItemsBody {
  @ApiProperty({ type: [CartItemBody], maxItems: MAX_CART_ITEMS })
  @IsArray({ message: 'items must be a list' })
  @ArrayMaxSize(MAX_CART_ITEMS, { message: `A cart holds at most ${MAX_CART_ITEMS} items` })
  @ValidateNested({ each: true }) @Type(() => CartItemBody)
  items!: CartItemBody[];
}

export class CheckoutBody extends CartItemsBody {
  @ApiProperty({ format: 'uuid', description: 'The event whose part of the cart is bought (one order per event).' })
  @IsUUID('all', { message: 'eventId must be an event id (UUID)' })
  eventId!: string;

  @ApiPropertyOptional({ example: 'runner@example.com', description: 'Required without an account.' })
  @IsOptional() @Transform(trim) @MaxLength(254, { message: 'email is at most 254 characters' })
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string;
}
