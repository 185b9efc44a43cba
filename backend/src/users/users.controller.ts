import { Controller, Get, NotFoundException } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { UserDto } from '@focus-racer/api-types';
import { AuthUser, CurrentUser } from '../common/decorators/current-user.decorator';
import { UserResponse } from './dto/user.response';
import { toUserDto } from './user-dto.mapper';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @ApiOkResponse({ type: UserResponse, description: 'The signed-in user.' })
  @ApiUnauthorizedResponse({ description: 'Missing, expired or invalid access token.' })
  async me(@CurrentUser() current: AuthUser): Promise<UserDto> {
    const user = await this.users.findById(current.id);
    if (!user) throw new NotFoundException('Your account no longer exists.');
    return toUserDto(user);
  }
}
