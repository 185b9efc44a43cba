import { BadRequestException, Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { EVENT_OWNER_ROLES, EventDto, PublicEventDto } from '@focus-racer/api-types';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Public } from '../common/decorators/public.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { CreateEventBody, EventResponse, PublicEventResponse, PublicEventsQuery, UpdateEventBody } from './dto/event.dto';
import { EventsService } from './events.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a UUID') });

/** Events of the signed-in pro (all events for an ADMIN). */
@ApiTags('events')
@ApiBearerAuth()
@Roles(...EVENT_OWNER_ROLES)
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

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
  @ApiOkResponse({ type: EventResponse })
  @ApiNotFoundResponse({ description: 'No such event, or not yours.' })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<EventDto> {
    return this.events.get(user, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: EventResponse })
  @ApiNotFoundResponse({ description: 'No such event, or not yours.' })
  update(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() body: UpdateEventBody): Promise<EventDto> {
    return this.events.update(user, id, body);
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
