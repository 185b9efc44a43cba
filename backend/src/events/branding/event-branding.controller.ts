import { BadRequestException, Body, Controller, Delete, Header, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Put, Req, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { EVENT_OWNER_ROLES, UpdateEventBrandingResponse } from '@focus-racer/api-types';
import type { Request } from 'express';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { IMAGE_UPLOAD_FIELD } from '../../common/uploads/single-image-upload';
import { BrandingPreviewBody, UpdateBrandingBody, UpdateBrandingResponse } from '../dto/branding.dto';
import { EventsService } from '../events.service';
import { EventBrandingService } from './event-branding.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a UUID') });

/** The owner's branding of an event: watermark, logo, and a preview of both on a sample photo. */
@ApiTags('events')
@ApiBearerAuth()
@Roles(...EVENT_OWNER_ROLES)
@ApiNotFoundResponse({ description: 'No such event, or not yours.' })
@Controller('events/:id/branding')
export class EventBrandingController {
  constructor(
    private readonly events: EventsService,
    private readonly branding: EventBrandingService,
  ) {}

  @Put()
  @ApiOkResponse({ type: UpdateBrandingResponse, description: 'Saved; the photos already rendered are queued for re-rendering.' })
  async update(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() body: UpdateBrandingBody): Promise<UpdateEventBrandingResponse> {
    return this.branding.update(await this.events.findOwned(user, id), body);
  }

  @Put('logo')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: [IMAGE_UPLOAD_FIELD], properties: { [IMAGE_UPLOAD_FIELD]: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: UpdateBrandingResponse })
  @ApiUnsupportedMediaTypeResponse({ description: 'Not a PNG or JPEG image.' })
  @ApiPayloadTooLargeResponse({ description: 'Larger than 2 MB.' })
  async replaceLogo(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Req() request: Request): Promise<UpdateEventBrandingResponse> {
    return this.branding.replaceLogo(await this.events.findOwned(user, id), request);
  }

  @Delete('logo')
  @ApiOkResponse({ type: UpdateBrandingResponse })
  async removeLogo(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<UpdateEventBrandingResponse> {
    return this.branding.removeLogo(await this.events.findOwned(user, id));
  }

  @Post('preview')
  @HttpCode(HttpStatus.OK)
  @ApiProduces('image/jpeg')
  @ApiOkResponse({ description: 'The web copy of a sample photo as runners would see it with this branding (not saved).' })
  // Each try is new: a cached preview would show an old setting.
  @Header('Cache-Control', 'no-store')
  async preview(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() body: BrandingPreviewBody): Promise<StreamableFile> {
    const jpeg = await this.branding.preview(await this.events.findOwned(user, id), body);
    return new StreamableFile(jpeg, { type: 'image/jpeg', length: jpeg.length });
  }
}
