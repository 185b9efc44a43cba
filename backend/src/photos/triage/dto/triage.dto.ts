import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { BibCorrectionRequest, ReviewDecision, ReviewDecisionRequest } from '@focus-racer/api-types';

/** As the public search and the cart accept them. */
export const BIB_PATTERN = /^[A-Za-z0-9-]{1,12}$/;
export const MAX_BIBS_PER_PHOTO = 20;

export class TriageQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page.' })
  @IsOptional() @IsString() @MaxLength(400)
  cursor?: string;
}

export class BibCorrectionBody implements BibCorrectionRequest {
  @ApiProperty({ type: [String], maxItems: MAX_BIBS_PER_PHOTO, example: ['1234'], description: 'The photo\'s bibs, all of them; [] for "no bib".' })
  @IsArray({ message: 'bibs must be a list of bib numbers' })
  @ArrayMaxSize(MAX_BIBS_PER_PHOTO, { message: `a photo can have at most ${MAX_BIBS_PER_PHOTO} bibs` })
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((bib: unknown) => (typeof bib === 'string' ? bib.trim() : bib)) : value))
  @IsString({ each: true, message: 'each bib must be text' })
  @Matches(BIB_PATTERN, { each: true, message: 'each bib must be 1 to 12 letters, digits or dashes' })
  bibs!: string[];

  @ApiPropertyOptional({ description: 'Keep numbers the start list does not know (a late registration).' })
  @IsOptional() @IsBoolean({ message: 'force must be true or false' })
  force?: boolean;
}

export class ReviewDecisionBody implements ReviewDecisionRequest {
  @ApiProperty({ enum: ['accept', 'skip'] })
  @IsIn(['accept', 'skip'], { message: 'decision must be accept or skip' })
  decision!: ReviewDecision;
}
