import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CreditCheckoutRequest } from '@focus-racer/api-types';
import { IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class CreditCheckoutBody implements CreditCheckoutRequest {
  @ApiProperty({ example: 'pack-500', description: 'An offer id from GET /api/payments/credits.' })
  @IsString({ message: 'offerId must be the id of a credit offer, e.g. pack-500' })
  @IsNotEmpty({ message: 'offerId must be the id of a credit offer, e.g. pack-500' })
  @MaxLength(40)
  offerId!: string;
}

export class CreditsQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'The previous page\'s nextBefore: ledger lines older than that line.' })
  @IsOptional()
  @IsUUID('all', { message: 'before must be the nextBefore value of the previous page' })
  before?: string;
}
