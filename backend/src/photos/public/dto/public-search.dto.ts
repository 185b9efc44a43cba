import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FavoritesDto, PhotoFeedbackRequest, SearchQuery } from '@focus-racer/api-types';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

/** The anonymous id the public site generates on a device (a UUID or similar token). */
const VIEWER = /^[A-Za-z0-9-]{8,64}$/;
const VIEWER_MESSAGE = 'viewer must be the 8–64 character device id the site generated';

export class SearchQueryDto implements SearchQuery {
  @ApiPropertyOptional({ example: '1234', description: 'A bib number (exact). Give bib or name.' })
  @IsOptional() @IsString() @MaxLength(12, { message: 'A bib number is at most 12 characters' })
  bib?: string;

  @ApiPropertyOptional({ example: 'marie dupont', description: 'Part of a runner’s name (accents, case and small typos ignored).' })
  @IsOptional() @IsString() @MaxLength(100, { message: 'A name is at most 100 characters' })
  name?: string;

  @ApiPropertyOptional({ description: 'Anonymous device id: photos this viewer said "not me" to are left out.' })
  @IsOptional() @Matches(VIEWER, { message: VIEWER_MESSAGE })
  viewer?: string;
}

export class SelfieQueryDto {
  @ApiPropertyOptional({ description: 'Anonymous device id (see search).' })
  @IsOptional() @Matches(VIEWER, { message: VIEWER_MESSAGE })
  viewer?: string;
}

export class GalleryQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page.' })
  @IsOptional() @IsString()
  cursor?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 100 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit must be a whole number' }) @Min(1) @Max(100)
  limit?: number;
}

export class PhotoFeedbackBody implements PhotoFeedbackRequest {
  @ApiProperty({ enum: ['me', 'not-me'] })
  @IsIn(['me', 'not-me'], { message: 'verdict must be "me" or "not-me"' })
  verdict!: 'me' | 'not-me';

  @ApiPropertyOptional({ example: '1234' })
  @IsOptional() @Matches(/^[A-Za-z0-9-]{1,12}$/, { message: 'bib must be 1 to 12 letters or digits' })
  bib?: string;

  @ApiPropertyOptional()
  @IsOptional() @Matches(VIEWER, { message: VIEWER_MESSAGE })
  viewer?: string;
}

export class PhotoIdsBody implements FavoritesDto {
  @ApiProperty({ type: [String], format: 'uuid', maxItems: 1000 })
  @IsArray() @ArrayMaxSize(1000, { message: 'At most 1000 photos at once' })
  @IsUUID('all', { each: true, message: 'photoIds must be photo ids (UUIDs)' })
  photoIds!: string[];
}
