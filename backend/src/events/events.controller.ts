import { BadRequestException, Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Put, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { EVENT_OWNER_ROLES, EventDto, PublicEventDto } from '@focus-racer/api-types';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Public } from '../common/decorators/public.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { IMAGE_UPLOAD_FIELD } from '../common/uploads/single-image-upload';
import { CreateEventBody, EventResponse, PublicEventResponse, PublicEventsQuery, UpdateEventBody } from './dto/event.dto';
import { EventMediaService } from './event-media.service';
import { EventsService } from './events.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a UUID') });

/** Events of the signed-in pro (all events for an ADMIN). */
@ApiTags('events')
@ApiBearerAuth()
@Roles(...EVENT_OWNER_ROLES)
@Controller('events')
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly media: EventMediaService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: EventResponse, description: 'Created as a draft.' })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateEventBody): Promise<EventDto> {
    return this.events.create(user, body);
  }

  @Get()
  @ApiOkResponse({ type: [EventResponse] })
  list(@CurrentUser() user: AuthUser): Promise<EventDto[]> {
    return this.events.list(user);
  }

  @Get(':id')
  @ApiOkResponse({ type: EventResponse, description: 'To its owner, and to a photographer invited to it (access "photographer").' })
  @ApiNotFoundResponse({ description: 'No such event, or not yours.' })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<EventDto> {
    return this.events.get(user, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: EventResponse })
  @ApiNotFoundResponse({ description: 'No such event, or not yours.' })
  @ApiConflictResponse({ description: 'A status change the lifecycle does not allow, with the reason.' })
  update(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() body: UpdateEventBody): Promise<EventDto> {
    return this.events.update(user, id, body);
  }

  @Put(':id/cover')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: [IMAGE_UPLOAD_FIELD], properties: { [IMAGE_UPLOAD_FIELD]: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: EventResponse, description: 'Stored 1600 px wide; coverUrl points at it.' })
  @ApiUnsupportedMediaTypeResponse({ description: 'Not a JPEG, PNG or WebP image.' })
  @ApiPayloadTooLargeResponse({ description: 'Larger than 15 MB, or too many pixels.' })
  async replaceCover(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Req() request: Request): Promise<EventDto> {
    const event = await this.events.findOwned(user, id);
    await this.media.replaceCover(event, request);
    return this.events.get(user, id);
  }

  @Delete(':id/cover')
  @ApiOkResponse({ type: EventResponse, description: 'Without a cover of its own, the event shows its first photo.' })
  async removeCover(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<EventDto> {
    await this.media.removeCover(await this.events.findOwned(user, id));
    return this.events.get(user, id);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'No such event, or not yours.' })
  remove(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<void> {
    return this.events.remove(user, id);
  }
}

/** What anyone sees, without an account: published events only. */
@ApiTags('public')
@Public()
@Controller('public/events')
export class PublicEventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @ApiOkResponse({ type: [PublicEventResponse] })
  list(@Query() query: PublicEventsQuery): Promise<PublicEventDto[]> {
    return this.events.listPublished(query);
  }

  @Get(':slug')
  @ApiOkResponse({ type: PublicEventResponse })
  @ApiNotFoundResponse({ description: 'No published event with this slug.' })
  get(@Param('slug') slug: string): Promise<PublicEventDto> {
    return this.events.getPublishedBySlug(slug);
  }
}
