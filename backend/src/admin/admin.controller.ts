import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Page, Role, UserDto } from '@focus-racer/api-types';
import { Roles } from '../common/decorators/roles.decorator';
import { OutboxMessage } from '../mail/outbox-mail.sender';
import { OutboxService } from '../mail/outbox.service';
import { ListUsersQuery } from '../users/dto/list-users.query';
import { UserPageResponse } from '../users/dto/user.response';
import { UsersService } from '../users/users.service';

class OutboxMessageResponse implements OutboxMessage {
  @ApiProperty() id!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() text!: string;
  @ApiProperty() html!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** The admin console's API. Every route is ADMIN-only. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.ADMIN)
@Controller('admin')
export class AdminController {
  constructor(
    private readonly users: UsersService,
    private readonly outbox: OutboxService,
  ) {}

  @Get('users')
  @ApiOkResponse({ type: UserPageResponse })
  listUsers(@Query() query: ListUsersQuery): Promise<Page<UserDto>> {
    return this.users.list(query);
  }

  @Get('outbox')
  @ApiOkResponse({ type: [OutboxMessageResponse], description: 'Emails written to the outbox, newest first.' })
  listOutbox(): Promise<OutboxMessage[]> {
    return this.outbox.list();
  }

  @Get('outbox/:id')
  @ApiOkResponse({ type: OutboxMessageResponse })
  @ApiNotFoundResponse({ description: 'No such message.' })
  getOutboxMessage(@Param('id') id: string): Promise<OutboxMessage> {
    return this.outbox.get(id);
  }
}
