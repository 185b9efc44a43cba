import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { AdminModule } from './admin/admin.module';
import { AuthModule } from './auth/auth.module';
import { AUTH_THROTTLE } from './common/decorators/auth-throttle.decorator';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { JwtAuthGuard } from './common/guards/jwt-auth.guard';
import { RolesGuard } from './common/guards/roles.guard';
import { createValidationPipe } from './common/pipes/validation.pipe';
import { ThrottleConfig } from './config/throttle.config';
import { ConnectorsModule } from './connectors/connectors.module';
import { CoreModule } from './core.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { MailModule } from './mail/mail.module';
import { OrdersModule } from './payments/orders/orders.module';
import { PaymentsHttpModule } from './payments/payments-http.module';
import { PhotosModule } from './photos/photos.module';
import { PublicPhotosModule } from './photos/public/public-photos.module';
import { QueuesModule } from './queues.module';
import { RedisModule } from './redis/redis.module';
import { StatsModule } from './stats/stats.module';
import { StorageModule } from './storage/storage.module';
import { UsersModule } from './users/users.module';

export const TOO_MANY_REQUESTS_MESSAGE = 'Too many requests from your address. Please wait a minute and try again.';

/**
 * The HTTP API. Global behaviour is declared here so a test that imports AppModule gets exactly what
 * production runs: rate limits, then authentication (opt out with @Public), then roles (@Roles),
 * validation of every body/query, and one error shape.
 */
@Module({
  imports: [
    CoreModule.forRoot(),
    RedisModule,
    QueuesModule,
    StorageModule,
    ThrottlerModule.forRootAsync({
      inject: [ThrottleConfig],
      useFactory: (config: ThrottleConfig) => ({
        errorMessage: TOO_MANY_REQUESTS_MESSAGE,
        throttlers: [
          { name: 'default', ttl: config.ttlSeconds * 1000, limit: config.limit },
          {
            name: 'auth',
            ttl: config.ttlSeconds * 1000,
            limit: config.authLimit,
            skipIf: (context) =>
              !Reflect.getMetadata(AUTH_THROTTLE, context.getHandler()) &&
              !Reflect.getMetadata(AUTH_THROTTLE, context.getClass()),
          },
        ],
      }),
    }),
    MailModule,
    UsersModule,
    AuthModule,
    EventsModule,
    PhotosModule,
    PublicPhotosModule,
    ConnectorsModule,
    AdminModule,
    PaymentsHttpModule,
    OrdersModule,
    StatsModule,
    HealthModule,
  ],
  providers: [
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
  ],
})
export class AppModule {}
