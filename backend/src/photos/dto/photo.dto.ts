import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PhotoUploadFileResult, PhotoUploadResult } from '@focus-racer/api-types';

export const MAX_DECLARED_FILES = 100_000;

/** `?fileCount=` lets the client declare the batch size so a short balance is refused before any byte is sent. */
export class UploadPhotosQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_DECLARED_FILES, description: 'How many files the request carries.' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_DECLARED_FILES)
  fileCount?: number;
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
}

export class PhotoUploadFileResponse implements PhotoUploadFileResult {
  @ApiProperty() filename!: string;
  @ApiProperty({ enum: ['accepted', 'rejected'] }) status!: 'accepted' | 'rejected';
  @ApiPropertyOptional() photoId?: string;
  @ApiPropertyOptional() reason?: string;
}

export class PhotoUploadResponse implements PhotoUploadResult {
  @ApiProperty({ type: [PhotoUploadFileResponse] }) files!: PhotoUploadFileResponse[];
  @ApiProperty() accepted!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty() creditBalance!: number;
}
