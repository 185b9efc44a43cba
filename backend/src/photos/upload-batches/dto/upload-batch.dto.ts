import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CreateUploadBatchRequest } from '@focus-racer/api-types';
import { MAX_DECLARED_FILES } from '../../dto/photo.dto';

export class CreateUploadBatchBody implements CreateUploadBatchRequest {
  @ApiPropertyOptional({ maxLength: 200, description: 'Shown in the batch list, e.g. the folder name.' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'label must be text' })
  @MaxLength(200, { message: 'label must be at most 200 characters' })
  label?: string;

  @ApiProperty({ minimum: 1, maximum: MAX_DECLARED_FILES, description: 'How many files the client means to send in this batch.' })
  @IsInt({ message: 'expectedFiles must be a whole number' })
  @Min(1, { message: 'expectedFiles must be at least 1' })
  @Max(MAX_DECLARED_FILES, { message: `expectedFiles must be at most ${MAX_DECLARED_FILES}` })
  expectedFiles!: number;
}
