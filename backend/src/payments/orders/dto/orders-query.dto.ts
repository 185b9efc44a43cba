import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class OrderPageQuery {
  @ApiPropertyOptional({ description: 'The access token of the order link (not needed by the signed-in buyer).' })
  @IsOptional() @IsString() @MaxLength(200)
  t?: string;
}

/** Checked by the service (a malformed link is answered like any invalid link, not as a validation error). */
export class DownloadLinkQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20)
  exp?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20)
  v?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100)
  sig?: string;
}

export class SalesQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'One of your events; all of them when omitted.' })
  @IsOptional() @IsUUID('all', { message: 'eventId must be an event id (UUID)' })
  eventId?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page.' })
  @IsOptional() @IsUUID('all', { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;
}

export class TopPhotosQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID('all', { message: 'eventId must be an event id (UUID)' })
  eventId?: string;
}
