import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PricePackInput, PricePackKind, PricePacksUpdate } from '@focus-racer/api-types';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

/** €1,000: far above any race photo, low enough that a typo (an extra zero or two) is caught. */
export const MAX_PACK_PRICE_CENTS = 100_000;
export const MAX_PACK_PHOTOS = 1000;
export const MAX_PACKS_PER_EVENT = 20;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class PricePackBody implements PricePackInput {
  @ApiPropertyOptional({ format: 'uuid', description: 'An existing pack of this event, to keep it (same id in orders).' })
  @IsOptional() @IsUUID('all', { message: 'id must be the id of one of this event’s packs' })
  id?: string;

  @ApiProperty({ enum: PricePackKind })
  @IsEnum(PricePackKind, { message: `kind must be one of ${Object.values(PricePackKind).join(', ')}` })
  kind!: PricePackKind;

  @ApiProperty({ example: 'Pack 5 photos', maxLength: 120 })
  @Transform(trim) @IsString() @MinLength(1, { message: 'Each pack needs a name' }) @MaxLength(120, { message: 'A pack name is at most 120 characters' })
  name!: string;

  @ApiPropertyOptional({ nullable: true, minimum: 2, maximum: MAX_PACK_PHOTOS, description: 'PACK only: how many photos it covers.' })
  @IsOptional() @IsInt({ message: 'photoCount must be a whole number' }) @Min(2, { message: 'A pack covers at least 2 photos' })
  @Max(MAX_PACK_PHOTOS, { message: `A pack covers at most ${MAX_PACK_PHOTOS} photos` })
  photoCount?: number | null;

  @ApiProperty({ example: 1500, minimum: 0, maximum: MAX_PACK_PRICE_CENTS, description: 'Integer cents.' })
  @IsInt({ message: 'priceCents must be a whole number of cents' }) @Min(0, { message: 'priceCents cannot be negative' })
  @Max(MAX_PACK_PRICE_CENTS, { message: `priceCents is at most ${MAX_PACK_PRICE_CENTS} (€1,000)` })
  priceCents!: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional() @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

export class PricePacksUpdateBody implements PricePacksUpdate {
  @ApiPropertyOptional({ example: 'EUR', description: 'ISO 4217, upper case; EUR when omitted.' })
  @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter upper-case code such as EUR' })
  currency?: string;

  @ApiProperty({ type: [PricePackBody], maxItems: MAX_PACKS_PER_EVENT })
  @IsArray({ message: 'packs must be a list' }) @ArrayMaxSize(MAX_PACKS_PER_EVENT, { message: `At most ${MAX_PACKS_PER_EVENT} packs per event` })
  @ValidateNested({ each: true }) @Type(() => PricePackBody)
  packs!: PricePackBody[];
}
