import { ApiProperty } from '@nestjs/swagger';
import { PaymentMode, PaymentSettingsDto, PaymentsPublicConfigDto } from '@focus-racer/api-types';
import { IsDefined, IsInt, IsNumber, Max, Min } from 'class-validator';

export class PaymentSettingsBody implements PaymentSettingsDto {
  @ApiProperty({ minimum: 0, maximum: 10_000, example: 100, description: 'Paid by the runner once per order, in cents (€0–€100).' })
  @IsDefined({ message: 'serviceFeeCents is required (a whole number of cents, 0 to 10000)' })
  @IsInt({ message: 'serviceFeeCents must be a whole number of cents (e.g. 150 for €1.50)' })
  @Min(0, { message: 'serviceFeeCents cannot be negative' })
  @Max(10_000, { message: 'serviceFeeCents must be at most 10000 (€100)' })
  serviceFeeCents!: number;

  @ApiProperty({ minimum: 0, maximum: 50, example: 5.5, description: 'Percent of the photos kept by the platform, two decimals at most.' })
  @IsDefined({ message: 'commissionPercent is required (0 to 50)' })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }, { message: 'commissionPercent must be a number with at most two decimals (e.g. 7.5)' })
  @Min(0, { message: 'commissionPercent cannot be negative' })
  @Max(50, { message: 'commissionPercent must be at most 50' })
  commissionPercent!: number;
}

export class PaymentsPublicConfigResponse implements PaymentsPublicConfigDto {
  @ApiProperty({ enum: ['stripe', 'local-test'] }) mode!: PaymentMode;
  @ApiProperty({ nullable: true, type: String }) publishableKey!: string | null;
  @ApiProperty() serviceFeeCents!: number;
  @ApiProperty() commissionPercent!: number;
}
