import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from '../users/entities/user.entity';
import { CreditLedger } from './credit-ledger.service';

/**
 * Money and credits. For now the processing-credit ledger used by uploads; orders, Stripe and payouts (commerce)
 * will live here too.
 */
@Module({
  imports: [TypeOrmModule.forFeature([User])],
  providers: [CreditLedger],
  exports: [CreditLedger],
})
export class PaymentsModule {}
