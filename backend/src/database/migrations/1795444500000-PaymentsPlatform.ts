import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments platform (commerce):
 * - `payment_settings`, the admin-set service fee and commission (one row, seeded at first read from the config);
 * - `credit_subscriptions`, the pros' monthly credit subscriptions as Stripe last reported them;
 * - `local_payment_objects`, what the local test mode keeps in Stripe's place (unique idempotency key);
 * - `users.stripe_customer_id`, and unique Stripe account / customer ids so an event can never credit or pay out
 *   to two users;
 * - a partial unique index on `credit_transactions.order_ref` for purchases and subscriptions: a Stripe payment
 *   or invoice credits once, whatever the webhook deliveries.
 */
export class PaymentsPlatform1795444500000 implements MigrationInterface {
  name = 'PaymentsPlatform1795444500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "payment_settings" (
        "id" smallint NOT NULL,
        "service_fee_cents" integer NOT NULL,
        "commission_bps" integer NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_by" uuid,
        CONSTRAINT "chk_payment_settings_single_row" CHECK ("id" = 1),
        CONSTRAINT "chk_payment_settings_service_fee_cents" CHECK ("service_fee_cents" >= 0 AND "service_fee_cents" <= 10000),
        CONSTRAINT "chk_payment_settings_commission_bps" CHECK ("commission_bps" >= 0 AND "commission_bps" <= 5000),
        CONSTRAINT "pk_payment_settings" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `ALTER TABLE "payment_settings" ADD CONSTRAINT "fk_payment_settings_updated_by" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );

    await queryRunner.query(`
      CREATE TABLE "credit_subscriptions" (
        "stripe_subscription_id" character varying(255) NOT NULL,
        "user_id" uuid NOT NULL,
        "offer_id" character varying(40) NOT NULL,
        "status" character varying(32) NOT NULL,
        "current_period_end" TIMESTAMP WITH TIME ZONE,
        "cancel_at_period_end" boolean NOT NULL DEFAULT false,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_credit_subscriptions" PRIMARY KEY ("stripe_subscription_id")
      )`);
    await queryRunner.query(`CREATE INDEX "idx_credit_subscriptions_user_updated" ON "credit_subscriptions" ("user_id", "updated_at")`);
    await queryRunner.query(
      `ALTER TABLE "credit_subscriptions" ADD CONSTRAINT "fk_credit_subscriptions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await queryRunner.query(`
      CREATE TABLE "local_payment_objects" (
        "id" character varying(64) NOT NULL,
        "kind" character varying(32) NOT NULL,
        "status" character varying(32) NOT NULL,
        "data" jsonb NOT NULL,
        "idempotency_key" character varying(255),
        "request_fingerprint" character varying(64),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_local_payment_objects" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_local_payment_objects_idempotency_key" ON "local_payment_objects" ("idempotency_key")`);
    await queryRunner.query(`CREATE INDEX "idx_local_payment_objects_kind_created" ON "local_payment_objects" ("kind", "created_at")`);

    await queryRunner.query(`ALTER TABLE "users" ADD "stripe_customer_id" character varying(64)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_stripe_account" ON "users" ("stripe_account_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_stripe_customer" ON "users" ("stripe_customer_id")`);

    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_credit_transactions_order_ref" ON "credit_transactions" ("order_ref") WHERE "reason" IN ('purchase', 'subscription')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_credit_transactions_order_ref"`);
    await queryRunner.query(`DROP INDEX "uq_users_stripe_customer"`);
    await queryRunner.query(`DROP INDEX "uq_users_stripe_account"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "stripe_customer_id"`);
    await queryRunner.query(`DROP TABLE "local_payment_objects"`);
    await queryRunner.query(`DROP TABLE "credit_subscriptions"`);
    await queryRunner.query(`DROP TABLE "payment_settings"`);
  }
}
