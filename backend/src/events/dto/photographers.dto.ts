import { ApiProperty } from '@nestjs/swagger';
import { EventPhotographerDto, EventPhotographerStatus, InvitePhotographerRequest } from '@focus-racer/api-types';
import { Transform } from 'class-transformer';
import { IsEmail, MaxLength } from 'class-validator';

export class InvitePhotographerBody implements InvitePhotographerRequest {
  @ApiProperty({ example: 'studio.dupont@example.com' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  email!: string;
}

export class EventPhotographerResponse implements EventPhotographerDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) photographerId!: string | null;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ['invited', 'active'] }) status!: EventPhotographerStatus;
  @ApiProperty({ format: 'date-time' }) invitedAt!: string;
}
