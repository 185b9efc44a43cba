import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import {
  BULK_PHOTO_ACTIONS,
  BULK_PHOTO_MAX,
  BulkPhotoAction,
  BulkPhotoActionRequest,
  PHOTO_FILTERS,
  PhotoFilter,
  PhotoUploadFileResult,
  PhotoUploadResult,
} from '@focus-racer/api-types';

export const MAX_DECLARED_FILES = 100_000;

/** `?fileCount=` lets the client declare the batch size so a short balance is refused before any byte is sent. */
export class UploadPhotosQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_DECLARED_FILES, description: 'How many files the request carries.' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_DECLARED_FILES)
  fileCount?: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Upload batch (POST /api/events/:id/upload-batches) the files belong to. Each file part must then be preceded by a `key` text field ' +
      'holding its client key; a key already in the batch answers alreadyReceived and is neither stored nor charged again.',
  })
  @IsOptional() @IsUUID('all', { message: 'batchId must be the id of an upload batch' })
  batchId?: string;
}

/** `?all=true` puts every photo of the event back on the pipeline, not only the failed ones. */
export class ReprocessEventQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Every photo, not only the failed ones.' })
  @IsOptional() @IsIn(['true', 'false'], { message: 'all must be true or false' })
  all?: 'true' | 'false';
}

export class PhotoListQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page.' })
  @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ enum: PHOTO_FILTERS, description: 'Only the photos of this filter (see PhotoFilter); none: every photo.' })
  @IsOptional() @IsIn(PHOTO_FILTERS, { message: `filter must be one of ${PHOTO_FILTERS.join(', ')}` })
  filter?: PhotoFilter;
}

export class BulkPhotoActionBody implements BulkPhotoActionRequest {
  @ApiProperty({ enum: BULK_PHOTO_ACTIONS })
  @IsIn(BULK_PHOTO_ACTIONS, { message: `action must be one of ${BULK_PHOTO_ACTIONS.join(', ')}` })
  action!: BulkPhotoAction;

  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: BULK_PHOTO_MAX })
  @IsArray({ message: 'photoIds must be a list of photo ids' })
  @ArrayMinSize(1, { message: 'photoIds must name at least one photo' })
  @ArrayMaxSize(BULK_PHOTO_MAX, { message: `photoIds may name at most ${BULK_PHOTO_MAX} photos per request` })
  @IsUUID('all', { each: true, message: 'each of photoIds must be a photo id (UUID)' })
  photoIds!: string[];
}

export class PhotoUploadFileResponse implements PhotoUploadFileResult {
  @ApiProperty() filename!: string;
  @ApiProperty({ enum: ['accepted', 'rejected'] }) status!: 'accepted' | 'rejected';
  @ApiPropertyOptional() photoId?: string;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional({ description: 'In a batch upload: the key field sent before the file.' }) clientKey?: string;
  @ApiPropertyOptional({ description: 'In a batch upload: this key was stored earlier; not stored nor charged again.' }) alreadyReceived?: boolean;
  @ApiPropertyOptional({ description: 'Rejected as the same bytes as this photo of the event.' }) existingPhotoId?: string;
}

export class PhotoUploadResponse implements PhotoUploadResult {
  @ApiProperty({ type: String, nullable: true }) batchId!: string | null;
  @ApiProperty({ type: [PhotoUploadFileResponse] }) files!: PhotoUploadFileResponse[];
  @ApiProperty() accepted!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty() creditBalance!: number;
}
