import { BadRequestException, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiPaymentRequiredResponse, ApiTags } from '@nestjs/swagger';
import { CursorPage, EVENT_OWNER_ROLES, PhotoDto, PhotoUploadResult } from '@focus-racer/api-types';
import type { Request } from 'express';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { PhotoListQuery, PhotoUploadResponse, UploadPhotosQuery } from './dto/photo.dto';
import { isMultipart, multipartFiles } from './ingest/multipart-files';
import { PhotosService } from './photos.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a UUID') });

export const UPLOAD_FIELD = 'files';

/** Photos of an event, for the pros who own it or shoot it. */
@ApiTags('photos')
@ApiBearerAuth()
@Roles(...EVENT_OWNER_ROLES)
@Controller()
export class PhotosController {
  constructor(private readonly photos: PhotosService) {}

  @Post('events/:id/photos')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { [UPLOAD_FIELD]: { type: 'array', items: { type: 'string', format: 'binary' } } } },
  })
  @ApiCreatedResponse({ type: PhotoUploadResponse, description: 'One result per file: accepted (1 credit) or rejected with a reason.' })
  @ApiNotFoundResponse({ description: 'No such event, or not yours to upload to.' })
  @ApiPaymentRequiredResponse({ description: 'Not enough credits for the declared number of files.' })
  async upload(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) eventId: string,
    @Query() query: UploadPhotosQuery,
    @Req() request: Request,
  ): Promise<PhotoUploadResult> {
    const event = await this.photos.startUpload(user, eventId, query.fileCount);
    if (!isMultipart(request)) throw new BadRequestException(`Send the photos as multipart/form-data, in the field "${UPLOAD_FIELD}"`);
    return this.photos.upload(user, event, multipartFiles(request, UPLOAD_FIELD));
  }

  @Get('events/:id/photos')
  @ApiOkResponse({ description: 'CursorPage<PhotoDto>: 100 photos a page in upload order; pass nextCursor back as cursor.' })
  @ApiNotFoundResponse({ description: 'No such event, or not yours.' })
  list(@CurrentUser() user: AuthUser, @Param('id', uuid) eventId: string, @Query() query: PhotoListQuery): Promise<CursorPage<PhotoDto>> {
    return this.photos.list(user, eventId, query.cursor);
  }

  @Post('photos/:id/reprocess')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ description: 'Queued again from the first stage.' })
  @ApiNotFoundResponse({ description: 'No such photo, or not in one of your events.' })
  reprocess(@CurrentUser() user: AuthUser, @Param('id', uuid) photoId: string): Promise<PhotoDto> {
    return this.photos.reprocess(user, photoId);
  }
}
