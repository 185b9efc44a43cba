import { ApiProperty } from '@nestjs/swagger';
import { HealthDto } from '@focus-racer/api-types';

export class HealthResponse implements HealthDto {
  @ApiProperty({ enum: ['ok', 'error'] }) status!: 'ok' | 'error';
  @ApiProperty({ enum: ['up', 'down'] }) database!: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) redis!: 'up' | 'down';
  @ApiProperty({ example: '0.0.0' }) version!: string;
}
