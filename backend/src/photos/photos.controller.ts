import { BadRequestException, Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPaymentRequiredResponse,
  ApiTags,
} from '@nestjs/swagger';
import { BulkPhotoActionResult, CursorPage, EVENT_OWNER_ROLES, PhotoDto, PhotoFacetsDto, PhotoUploadResult, ReprocessEventResult } from '@focus-racer/api-types';
import type { Request, Response } from 'express';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { BulkPhotoActionBody, PhotoListQuery, PhotoUploadResponse, ReprocessEventQuery, UploadPhotosQuery } from './dto/photo.dto';
import { EventProgressService, ProgressFrame } from './event-progress.service';
import { isMultipart, multipartFiles } from './ingest/multipart-files';
import { PhotoBulkActionsService } from './photo-bulk-actions.service';
import { PhotosService } from './photos.service';
import { UploadBatchesService } from './upload-batches/upload-batches.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a UUID') });

export const UPLOAD_FIELD = 'files';
/** In a batch upload, the text field right before each file part, holding that file's client key. */
export const UPLOAD_KEY_FIELD = 'key';

/** Photos of an event, for the pros who own it or shoot it. */
@ApiTags('photos')
@ApiBearerAuth()
@Roles(...EVENT_OWNER_ROLES)
@Controller()
export class PhotosController {
  constructor(
    private readonly photos: PhotosService,
    private readonly progress: EventProgressService,
    private readonly batches: UploadBatchesService,
    private readonly bulkActions: PhotoBulkActionsService,
  ) {}

  @Post('events/:id/photos')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { [UPLOAD_FIELD]: { type: 'array', items: { type: 'string', format: 'binary' } } } },
  })
  @ApiCreatedResponse({
    type: PhotoUploadResponse,
    description:
      'One result per file: accepted (1 credit) or rejected with a reason. With ?batchId=, every file part must follow a "key" field ' +
      '(its client key); a key already in the batch is accepted with alreadyReceived: true and neither stored nor charged again.',
  })
  @ApiNotFoundResponse({ description: 'No such event or upload batch, or not yours to upload to.' })
  @ApiPaymentRequiredResponse({ description: 'Not enough credits for the declared number of files.' })
  async upload(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) eventId: string,
    @Query() query: UploadPhotosQuery,
    @Req() request: Request,
  ): Promise<PhotoUploadResult> {
    const event = await this.photos.startUpload(user, eventId, query.fileCount);
    const batch = query.batchId ? await this.batches.findForUpload(user, event, query.batchId) : null;
    if (!isMultipart(request)) throw new BadRequestException(`Send the photos as multipart/form-data, in the field "${UPLOAD_FIELD}"`);
    return this.photos.upload(user, event, multipartFiles(request, UPLOAD_FIELD, batch ? { keyField: UPLOAD_KEY_FIELD } : {}), batch);
  }

  @Get('events/:id/photos')
  @ApiOkResponse({ description: 'CursorPage<PhotoDto>: 100 photos a page in upload order, with their bibs; ?filter= keeps one kind (PhotoFilter); pass nextCursor back as cursor.' })
  @ApiNotFoundResponse({ description: 'No such event, or not one you work on.' })
  list(@CurrentUser() user: AuthUser, @Param('id', uuid) eventId: string, @Query() query: PhotoListQuery): Promise<CursorPage<PhotoDto>> {
    return this.photos.list(user, eventId, query.cursor, query.filter);
  }

  @Get('events/:id/photos/facets')
  @ApiOkResponse({ description: 'PhotoFacetsDto: how many photos each filter of the list shows.' })
  @ApiNotFoundResponse({ description: 'No such event, or not one you work on.' })
  facets(@CurrentUser() user: AuthUser, @Param('id', uuid) eventId: string): Promise<PhotoFacetsDto> {
    return this.photos.facets(user, eventId);
  }

  @Post('events/:id/photos/bulk')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: 'BulkPhotoActionResult: how many photos changed. All or nothing.' })
  @ApiBadRequestResponse({ description: 'Some ids are not photos of this event (details.notInEvent): nothing changed.' })
  @ApiForbiddenResponse({ description: 'delete by an assigned photographer of photos they did not upload (details.notYours): nothing deleted.' })
  @ApiConflictResponse({ description: 'delete of photos bought in a paid order (details.sold): nothing deleted; hide them instead.' })
  @ApiNotFoundResponse({ description: 'No such event, or not one you work on.' })
  bulk(@CurrentUser() user: AuthUser, @Param('id', uuid) eventId: string, @Body() body: BulkPhotoActionBody): Promise<BulkPhotoActionResult> {
    return this.bulkActions.apply(user, eventId, body);
  }

  @Post('photos/:id/reprocess')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ description: 'Queued again from the first stage.' })
  @ApiNotFoundResponse({ description: 'No such photo, or not in an event you work on.' })
  reprocess(@CurrentUser() user: AuthUser, @Param('id', uuid) photoId: string): Promise<PhotoDto> {
    return this.photos.reprocess(user, photoId);
  }

  @Get('events/:id/progress')
  @ApiOkResponse({
    description:
      'text/event-stream: `event: counters` (EventProgressCounters) first, then `event: photo` (PhotoStageProgress) per stage and refreshed counters. ' +
      'EventSource cannot send headers: the access token may be passed as ?access_token= on this request.',
  })
  @ApiNotFoundResponse({ description: 'No such event, or not yours.' })
  async streamProgress(@CurrentUser() user: AuthUser, @Param('id', uuid) eventId: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    const frames = await this.progress.stream(user, eventId);
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // nginx buffers responses unless told not to.
      'X-Accel-Buffering': 'no',
    });
    response.flushHeaders();
    const subscription = frames.subscribe({
      next: (frame) => response.write(serialiseFrame(frame)),
      error: () => response.end(),
      complete: () => response.end(),
    });
    request.on('close', () => subscription.unsubscribe());
  }

  @Post('events/:id/reprocess')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ description: 'ReprocessEventResult: how many photos (the failed ones, or all with ?all=true) were queued again.' })
  @ApiNotFoundResponse({ description: 'No such event, or not yours.' })
  async reprocessEvent(@CurrentUser() user: AuthUser, @Param('id', uuid) eventId: string, @Query() query: ReprocessEventQuery): Promise<ReprocessEventResult> {
    return { queued: await this.photos.reprocessEvent(user, eventId, query.all === 'true') };
  }
}

function serialiseFrame(frame: ProgressFrame): string {
  if ('comment' in frame) return `: ${frame.comment}\n\n`;
  return `event: ${frame.type}\ndata: ${JSON.stringify(frame.data)}\n\n`;
}
