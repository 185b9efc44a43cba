import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BrandingPreviewRequest,
  EventDto,
  UpdateEventBrandingRequest,
  UpdateEventBrandingResponse,
  WATERMARK_OPACITY_MAX,
  WATERMARK_OPACITY_MIN,
  WATERMARK_POSITIONS,
  WATERMARK_TEXT_MAX_LENGTH,
  WatermarkPosition,
} from '@focus-racer/api-types';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNumber, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { EventResponse } from './event.dto';

export class UpdateBrandingBody implements UpdateEventBrandingRequest {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: WATERMARK_TEXT_MAX_LENGTH, example: '© Studio Dupont · Trail des Cimes' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @ValidateIf((_, value) => value !== null)
  @IsString({ message: 'watermarkText must be a text or null' })
  @MaxLength(WATERMARK_TEXT_MAX_LENGTH, { message: `watermarkText must be at most ${WATERMARK_TEXT_MAX_LENGTH} characters` })
  watermarkText?: string | null;

  @ApiPropertyOptional({ minimum: WATERMARK_OPACITY_MIN, maximum: WATERMARK_OPACITY_MAX, example: 0.45 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'watermarkOpacity must be a number' })
  @Min(WATERMARK_OPACITY_MIN, { message: `watermarkOpacity must be between ${WATERMARK_OPACITY_MIN} and ${WATERMARK_OPACITY_MAX}` })
  @Max(WATERMARK_OPACITY_MAX, { message: `watermarkOpacity must be between ${WATERMARK_OPACITY_MIN} and ${WATERMARK_OPACITY_MAX}` })
  watermarkOpacity?: number;

  @ApiPropertyOptional({ enum: WATERMARK_POSITIONS })
  @IsOptional()
  @IsIn(WATERMARK_POSITIONS, { message: `watermarkPosition must be one of: ${WATERMARK_POSITIONS.join(', ')}` })
  watermarkPosition?: WatermarkPosition;
}

export class BrandingPreviewBody extends UpdateBrandingBody implements BrandingPreviewRequest {
  @ApiPropertyOptional({ default: true, description: 'false: preview without the saved logo.' })
  @IsOptional()
  @IsBoolean({ message: 'withLogo must be true or false' })
  withLogo?: boolean;
}

export class UpdateBrandingResponse implements UpdateEventBrandingResponse {
  @ApiProperty({ type: EventResponse }) event!: EventDto;
  @ApiProperty({ description: 'Photos whose watermarked copies were queued for re-rendering.' }) derivativesQueued!: number;
}
