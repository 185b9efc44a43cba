import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  START_LIST_FIELDS,
  START_LIST_PROVIDERS,
  StartListColumnMapping,
  StartListConnectorBody,
  StartListDelimiter,
  StartListEncoding,
  StartListImportOptions,
  StartListPreset,
  StartListProvider,
} from '@focus-racer/api-types';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateBy } from 'class-validator';
import { PageQuery } from '../../common/pagination/page-query.dto';

/** Multipart text fields arrive as strings: "true"/"false" become booleans, anything else stays (and is refused). */
const booleanField = () => Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

/** What is wrong with a `mapping` field, in one sentence; null when it is a usable mapping. */
function mappingProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'mapping must be JSON such as {"bib":0,"lastName":1,"firstName":2}';
  for (const [field, column] of Object.entries(value)) {
    if (!(START_LIST_FIELDS as readonly string[]).includes(field)) return `mapping has an unknown field "${field}" (fields: ${START_LIST_FIELDS.join(', ')})`;
    if (!Number.isInteger(column) || (column as number) < 0 || (column as number) > 999) return `mapping.${field} must be a column number (0 for the first column)`;
  }
  return null;
}

/** Text fields of `POST .../start-list/csv/preview` (beside the `file` part). */
export class StartListCsvFields {
  @ApiPropertyOptional({ enum: ['auto', ';', ',', 'tab', '|'], default: 'auto' })
  @IsOptional()
  @Transform(({ value }) => (value === 'tab' ? '\t' : value))
  @IsIn(['auto', ';', ',', '\t', '|'], { message: 'delimiter must be auto, ";", ",", "tab" or "|"' })
  delimiter?: StartListDelimiter | 'auto';

  @ApiPropertyOptional({ enum: ['auto', 'utf-8', 'windows-1252', 'utf-16le'], default: 'auto' })
  @IsOptional()
  @IsIn(['auto', 'utf-8', 'windows-1252', 'utf-16le'], { message: 'encoding must be auto, utf-8, windows-1252 or utf-16le' })
  encoding?: StartListEncoding | 'auto';

  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'true' })
  @IsOptional() @booleanField() @IsBoolean({ message: 'hasHeaderRow must be true or false' })
  hasHeaderRow?: boolean;

  @ApiPropertyOptional({ enum: START_LIST_PROVIDERS, description: 'Column titles of a registration platform\'s export file.' })
  @IsOptional() @IsIn(START_LIST_PROVIDERS, { message: `preset must be one of ${START_LIST_PROVIDERS.join(', ')}` })
  preset?: StartListPreset;

  @ApiPropertyOptional({ description: `JSON: field → 0-based column, fields ${START_LIST_FIELDS.join(', ')}; e.g. {"bib":0,"lastName":1}` })
  @IsOptional()
  @Transform(({ value }) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      // Left as text: the validator words the problem.
      return value;
    }
  })
  @ValidateBy({
    name: 'isColumnMapping',
    validator: {
      validate: (value: unknown) => mappingProblem(value) === null,
      defaultMessage: (args) => mappingProblem(args?.value) ?? 'mapping is invalid',
    },
  })
  mapping?: StartListColumnMapping;
}

/** Text fields of `POST .../start-list/csv/import`. */
export class StartListCsvImportFields extends StartListCsvFields implements StartListImportOptions {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'Import the valid rows and leave the invalid ones out.' })
  @IsOptional() @booleanField() @IsBoolean({ message: 'skipInvalidRows must be true or false' })
  skipInvalidRows?: boolean;

  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'Remove the runners that are not in the file.' })
  @IsOptional() @booleanField() @IsBoolean({ message: 'replaceExisting must be true or false' })
  replaceExisting?: boolean;
}

export class StartListSyncBody implements StartListImportOptions {
  @ApiPropertyOptional({ default: false })
  @IsOptional() @IsBoolean()
  skipInvalidRows?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOptional() @IsBoolean()
  replaceExisting?: boolean;
}

export class StartListConnectorRequest implements StartListConnectorBody {
  @ApiProperty({ enum: START_LIST_PROVIDERS })
  @IsIn(START_LIST_PROVIDERS, { message: `provider must be one of ${START_LIST_PROVIDERS.join(', ')}` })
  provider!: StartListProvider;

  @ApiProperty({ example: '48213', description: 'Njuko: the edition id; KMS: the race (épreuve) id.' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, { message: 'externalEventId must be 1 to 64 letters, digits, dots, dashes, colons or underscores' })
  externalEventId!: string;

  @ApiPropertyOptional({ description: 'Write-only. Required when the connector is created or its provider changes.' })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'apiKey must not be empty' })
  @MaxLength(512)
  @Matches(/^\S+$/, { message: 'apiKey must not contain spaces' })
  apiKey?: string;
}

/** `?page=&pageSize=&q=`: q matches the start of a bib or any part of a name, accents and case ignored. */
export class StartListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Bib (start of) or name (any part).' })
  @IsOptional() @IsString() @MaxLength(100)
  q?: string;
}
