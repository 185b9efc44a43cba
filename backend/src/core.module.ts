import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { loggerParams } from './common/logging';
import { AppConfig } from './config/app.config';
import { Env } from './config/config-loader';
import { ConfigModule } from './config/config.module';
import { DatabaseConfig } from './config/database.config';
import { buildTypeOrmOptions } from './database/typeorm-options';

/**
 * What every process needs (API, worker, CLI): validated config, logging and the database.
 * The schema comes from the data engineer's migrations; `synchronize` is forced off here whatever the options say.
 */
@Module({})
export class CoreModule {
  static forRoot(overrides: Env = {}): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(overrides),
        LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: loggerParams }),
        TypeOrmModule.forRootAsync({
          inject: [DatabaseConfig],
          useFactory: (config: DatabaseConfig) => ({
            ...buildTypeOrmOptions(config.url),
            synchronize: false,
            migrationsRun: false,
          }),
        }),
      ],
    };
  }
}
