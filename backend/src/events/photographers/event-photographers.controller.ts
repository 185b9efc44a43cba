import { BadRequestException, Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { EVENT_OWNER_ROLES, EventPhotographerDto } from '@focus-racer/api-types';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { EventPhotographerResponse, InvitePhotographerBody } from '../dto/photographers.dto';
import { EventPhotographersService } from './event-photographers.service';

const uuid = (name: string) => new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException(`${name} must be a UUID`) });

/** The photographers of an event, managed by its owner (organizer space). */
@ApiTags('events')
@ApiBearerAuth()
@Roles(...EVENT_OWNER_ROLES)
@ApiNotFoundResponse({ description: 'No such event, or not yours.' })
@Controller('events/:id/photographers')
export class EventPhotographersController {
  constructor(private readonly photographers: EventPhotographersService) {}

  @Get()
  @ApiOkResponse({ type: [EventPhotographerResponse] })
  list(@CurrentUser() user: AuthUser, @Param('id', uuid('id')) id: string): Promise<EventPhotographerDto[]> {
    return this.photographers.list(user, id);
  }

  @Post()
  @ApiCreatedResponse({ type: EventPhotographerResponse, description: 'A photographer’s account: active at once. An unknown address: invited by email.' })
  @ApiConflictResponse({ description: 'Already on the event or invited, or the address of an account that is not a photographer’s.' })
  invite(@CurrentUser() user: AuthUser, @Param('id', uuid('id')) id: string, @Body() body: InvitePhotographerBody): Promise<EventPhotographerDto> {
    return this.photographers.invite(user, id, body.email);
  }

  @Delete(':entryId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Removed (their photos stay on the event), or the invitation withdrawn.' })
  remove(@CurrentUser() user: AuthUser, @Param('id', uuid('id')) id: string, @Param('entryId', uuid('entryId')) entryId: string): Promise<void> {
    return this.photographers.remove(user, id, entryId);
  }
}
