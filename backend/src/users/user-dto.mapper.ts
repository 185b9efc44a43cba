import { UserDto } from '@focus-racer/api-types';
import { User } from './entities/user.entity';

/** The only way a User leaves the API: no password hash, no Stripe ids. */
export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    stripeOnboarded: user.stripeOnboarded,
    creditBalance: user.creditBalance,
    createdAt: new Date(user.createdAt).toISOString(),
  };
}
