import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  CreateEventRequest,
  EventAccess,
  EventBranding,
  EventDto,
  EventPriceSettings,
  EventStatus,
  PublicEventDto,
  SPORTS,
  UpdateEventRequest,
  WATERMARK_TEXT_MAX_LENGTH,
} from '@focus-racer/api-types';
import { Transform } from 'class-transformer';
import { IsEnum, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateBy } from 'class-validator';

const trimmed = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** A real calendar day written YYYY-MM-DD (2026-02-30 is refused). */
function IsCalendarDate(): PropertyDecorator {
  return ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' &&
        /^\d{4}-\d{2}-\d{2}$/.test(value) &&
        !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
        new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
      defaultMessage: (args) => `${args?.property ?? 'date'} must be a calendar date written YYYY-MM-DD`,
    },
  });
}

export class CreateEventBody implements CreateEventRequest {
  @ApiProperty({ example: 'Marathon de Paris' })
  @trimmed() @IsString() @IsNotEmpty({ message: 'name must not be empty' }) @MaxLength(200)
  name!: string;

  @ApiProperty({ example: '2026-04-12', description: 'Day of the race (YYYY-MM-DD).' })
  @IsCalendarDate()
  date!: string;

  @ApiProperty({ example: 'Paris, France' })
  @trimmed() @IsString() @IsNotEmpty({ message: 'location must not be empty' }) @MaxLength(200)
  location!: string;

  @ApiProperty({ enum: SPORTS, example: 'running' })
  @IsIn(SPORTS, { message: `sport must be one of: ${SPORTS.join(', ')}` })
  sport!: string;

  @ApiPropertyOptional({ example: '© Focus Racer', description: 'Text drawn on the public copies (also set by PUT /events/:id/branding).' })
  @IsOptional() @trimmed() @IsString()
  @MaxLength(WATERMARK_TEXT_MAX_LENGTH, { message: `watermarkText must be at most ${WATERMARK_TEXT_MAX_LENGTH} characters` })
  watermarkText?: string;
}

export class UpdateEventBody extends PartialType(CreateEventBody) implements UpdateEventRequest {
  @ApiPropertyOptional({ enum: EventStatus, enumName: 'EventStatus' })
  @IsOptional() @IsEnum(EventStatus, { message: `status must be one of: ${Object.values(EventStatus).join(', ')}` })
  status?: EventStatus;
}

export class PublicEventsQuery {
  @ApiPropertyOptional({ description: 'Part of the event name or location (case-insensitive).' })
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc', description: 'Order by race date.' })
  @IsOptional() @IsIn(['asc', 'desc'], { message: 'sort must be asc or desc' })
  sort?: 'asc' | 'desc';

  @ApiPropertyOptional({ example: '2026-04-01', description: 'Races on or after this date (YYYY-MM-DD).' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-04-30', description: 'Races on or before this date (YYYY-MM-DD).' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;
}

export class PublicEventResponse implements PublicEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() slug!: string;
  @ApiProperty({ example: '2026-04-12' }) date!: string;
  @ApiProperty() location!: string;
  @ApiProperty() sport!: string;
  @ApiProperty({ type: String, nullable: true }) coverUrl!: string | null;
  @ApiProperty() photoCount!: number;
}

export class EventResponse extends PublicEventResponse implements EventDto {
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty({ enum: ['owner', 'photographer'] }) access!: EventAccess;
  @ApiProperty({ enum: EventStatus, enumName: 'EventStatus' }) status!: EventStatus;
  @ApiProperty({ example: 'https://photos.example.com/events/marathon-de-paris-2026' }) publicUrl!: string;
  @ApiProperty() hasCover!: boolean;
  @ApiProperty({ type: String, nullable: true }) watermarkText!: string | null;
  @ApiProperty({ example: { watermarkText: '© Focus Racer', watermarkOpacity: 0.45, watermarkPosition: 'tiled', logoUrl: null } })
  branding!: EventBranding;
  @ApiProperty({ example: { currency: 'EUR', serviceFeeCents: 50 } }) priceSettings!: EventPriceSettings;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
