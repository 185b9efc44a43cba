import { BadRequestException, Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Put, Query, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiBearerAuth,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { EVENT_OWNER_ROLES, Page, StartListConnectorDto, StartListCsvPreview, StartListEntryDto, StartListImportResult } from '@focus-racer/api-types';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request } from 'express';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { describeValidationErrors } from '../common/pipes/validation.pipe';
import { ConnectorsConfig } from '../config/connectors.config';
import { StartListConnectorRequest, StartListCsvFields, StartListCsvImportFields, StartListQuery, StartListSyncBody } from './dto/start-list.dto';
import { readStartListUpload, START_LIST_FILE_FIELD } from './start-list-upload';
import { StartListService } from './start-list.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a UUID') });

const CSV_FORM = {
  schema: {
    type: 'object',
    required: [START_LIST_FILE_FIELD],
    properties: {
      [START_LIST_FILE_FIELD]: { type: 'string', format: 'binary' },
      delimiter: { type: 'string', enum: ['auto', ';', ',', 'tab', '|'] },
      encoding: { type: 'string', enum: ['auto', 'utf-8', 'windows-1252', 'utf-16le'] },
      hasHeaderRow: { type: 'string', enum: ['true', 'false'] },
      preset: { type: 'string', enum: ['njuko', 'kms'] },
      mapping: { type: 'string', description: 'JSON, e.g. {"bib":0,"lastName":1,"firstName":2}' },
    },
  },
};

/** An event's start list, for the pros who own it or shoot it (see StartListService for who may do what). */
@ApiTags('start-list')
@ApiBearerAuth()
@Roles(...EVENT_OWNER_ROLES)
@Controller('events/:id/start-list')
export class StartListController {
  constructor(
    private readonly startList: StartListService,
    private readonly config: ConnectorsConfig,
  ) {}

  @Post('csv/preview')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('multipart/form-data')
  @ApiBody(CSV_FORM)
  @ApiOkResponse({ description: 'StartListCsvPreview: detected encoding and delimiter, columns, mapping, first rows and the row report. Nothing is written.' })
  @ApiNotFoundResponse({ description: 'No such event, or not yours.' })
  @ApiPayloadTooLargeResponse({ description: 'File over START_LIST_MAX_BYTES.' })
  @ApiUnprocessableEntityResponse({ description: 'Not a readable CSV (a spreadsheet, a PDF...), empty, or too many rows.' })
  async preview(@CurrentUser() user: AuthUser, @Param('id', uuid) eventId: string, @Req() request: Request): Promise<StartListCsvPreview> {
    const event = await this.startList.findEventForImport(user, eventId);
    const upload = await readStartListUpload(request, this.config.maxBytes);
    return this.startList.preview(event, upload, await validFields(StartListCsvFields, upload.fields));
  }

  @Post('csv/import')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      ...CSV_FORM.schema,
      properties: { ...CSV_FORM.schema.properties, skipInvalidRows: { type: 'string', enum: ['true', 'false'] }, replaceExisting: { type: 'string', enum: ['true', 'false'] } },
    },
  })
  @ApiOkResponse({ description: 'StartListImportResult.' })
  @ApiUnprocessableEntityResponse({ description: 'StartListRejectedError: invalid rows and skipInvalidRows not set (details.report lists them); nothing was written.' })
  @ApiPayloadTooLargeResponse({ description: 'File over START_LIST_MAX_BYTES.' })
  async importCsv(@CurrentUser() user: AuthUser, @Param('id', uuid) eventId: string, @Req() request: Request): Promise<StartListImportResult> {
    const event = await this.startList.findEventForImport(user, eventId);
    const upload = await readStartListUpload(request, this.config.maxBytes);
    return this.startList.importCsv(user, event, upload, await validFields(StartListCsvImportFields, upload.fields));
  }

  @Get('connector')
  @ApiOkResponse({ description: 'StartListConnectorDto; the API key is never returned, only a hint.' })
  @ApiNotFoundResponse({ description: 'No such event, not yours, or no connector set up.' })
  getConnector(@CurrentUser() user: AuthUser, @Param('id', uuid) eventId: string): Promise<StartListConnectorDto> {
    return this.startList.getConnector(user, eventId);
  }

  @Put('connector')
  @ApiOkResponse({ description: 'StartListConnectorDto.' })
  @ApiUnprocessableEntityResponse({ description: 'apiKey missing for a new connector or a new provider.' })
  saveConnector(@CurrentUser() user: AuthUser, @Param('id', uuid) eventId: string, @Body() body: StartListConnectorRequest): Promise<StartListConnectorDto> {
    return this.startList.saveConnector(user, eventId, body);
  }

  @Delete('connector')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  deleteConnector(@CurrentUser() user: AuthUser, @Param('id', uuid) eventId: string): Promise<void> {
    return this.startList.deleteConnector(user, eventId);
  }

  @Post('connector/sync')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: 'StartListImportResult.' })
  @ApiConflictResponse({ description: 'No connector set up, or its stored API key can no longer be read.' })
  @ApiUnprocessableEntityResponse({ description: 'The platform refused the key or does not know the race; or invalid rows (details.report).' })
  sync(@CurrentUser() user: AuthUser, @Param('id', uuid) eventId: string, @Body() body: StartListSyncBody): Promise<StartListImportResult> {
    return this.startList.sync(user, eventId, body);
  }

  @Get()
  @ApiOkResponse({ description: 'Page<StartListEntryDto> in bib order; ?q= searches bibs and names.' })
  list(@CurrentUser() user: AuthUser, @Param('id', uuid) eventId: string, @Query() query: StartListQuery): Promise<Page<StartListEntryDto>> {
    return this.startList.list(user, eventId, query);
  }

  @Delete()
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: '{ removed, resnappedPhotos }' })
  clear(@CurrentUser() user: AuthUser, @Param('id', uuid) eventId: string): Promise<{ removed: number; resnappedPhotos: number }> {
    return this.startList.clear(user, eventId);
  }
}

/** The global pipe only sees JSON bodies and queries: multipart text fields get the same rules and wording here. */
async function validFields<T extends object>(type: ClassConstructor<T>, fields: Record<string, string>): Promise<T> {
  const instance = plainToInstance(type, fields);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new BadRequestException(describeValidationErrors(errors));
  return instance;
}
