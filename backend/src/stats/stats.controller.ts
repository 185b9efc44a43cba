import { BadRequestException, Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { EVENT_OWNER_ROLES, EventStatsDto, StatsOverviewDto } from '@focus-racer/api-types';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { StatsService } from './stats.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a UUID') });

/** The pros' statistics: one event's (charts of the event page) and all their events' (dashboard). */
@ApiTags('stats')
@ApiBearerAuth()
@Roles(...EVENT_OWNER_ROLES)
@Controller()
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get('events/:id/stats')
  @ApiOkResponse({ description: 'EventStatsDto: the whole event for its owner; own photos beside event totals for an invited photographer.' })
  @ApiNotFoundResponse({ description: 'No such event, or neither yours nor one you photograph.' })
  eventStats(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<EventStatsDto> {
    return this.stats.eventStats(user, id);
  }

  @Get('stats/overview')
  @ApiOkResponse({ description: 'StatsOverviewDto: totals and one row per event the pro owns or photographs.' })
  overview(@CurrentUser() user: AuthUser): Promise<StatsOverviewDto> {
    return this.stats.overview(user);
  }
}
