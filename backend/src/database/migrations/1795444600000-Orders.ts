import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orders (commerce): what the checkout, the payment webhooks and the downloads need on top of the initial tables.
 * - `orders.checkout_key` with a partial unique index over the orders still waiting for a payment: two submits of
 *   the same cart at the same moment make one order (the second insert fails and reads the first);
 * - `receipt_sent_at` (the receipt is claimed by a conditional UPDATE, so it goes out once), `failure_message`
 *   (why the last payment attempt failed, for the runner), `review_reason` (a payment that did not match the order:
 *   a person looks at it, it is never paid automatically), `amount_refunded_cents`, `payment_mode`;
 * - amounts that always agree: total = subtotal + service fee, the platform's part and the refunds within the total;
 * - `order_items.resolution` (HD original or web size), `bib` (the items of an all-my-photos purchase) and
 *   `position` (stable line order and file numbers);
 * - at most one active single / web / all-my-photos price per event and one active pack per size;
 * - `carts`, the signed-in runner's cart kept on the server.
 */
export class Orders1795444600000 implements MigrationInterface {
  name = 'Orders1795444600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders" ADD "checkout_key" character(64)`);
    await queryRunner.query(`ALTER TABLE "orders" ADD "receipt_sent_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "orders" ADD "failure_message" character varying(500)`);
    await queryRunner.query(`ALTER TABLE "orders" ADD "review_reason" character varying(500)`);
    await queryRunner.query(`ALTER TABLE "orders" ADD "amount_refunded_cents" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE "orders" ADD "payment_mode" character varying(16) NOT NULL DEFAULT 'stripe'`);
    await queryRunner.query(
      `ALTER TABLE "orders" ADD CONSTRAINT "chk_orders_payment_mode" CHECK ("payment_mode" IN ('stripe', 'local-test'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "orders" ADD CONSTRAINT "chk_orders_split" CHECK ("total_cents" = "subtotal_cents" + "service_fee_cents" AND "platform_fee_cents" <= "total_cents" AND "amount_refunded_cents" >= 0 AND "amount_refunded_cents" <= "total_cents")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_orders_open_checkout_key" ON "orders" ("checkout_key") WHERE "status" IN ('pending', 'failed')`,
    );
    await queryRunner.query(`CREATE INDEX "idx_orders_event_created" ON "orders" ("event_id", "created_at")`);

    await queryRunner.query(`CREATE TYPE "photo_resolution" AS ENUM('hd', 'web')`);
    await queryRunner.query(`ALTER TABLE "order_items" ADD "resolution" "photo_resolution" NOT NULL DEFAULT 'hd'`);
    await queryRunner.query(`ALTER TABLE "order_items" ADD "bib" character varying(12)`);
    await queryRunner.query(`ALTER TABLE "order_items" ADD "position" integer NOT NULL DEFAULT 0`);

    await queryRunner.query(
      `ALTER TABLE "price_packs" ADD CONSTRAINT "chk_price_packs_kind_photo_count" CHECK (("kind" = 'pack' AND "photo_count" >= 2) OR ("kind" <> 'pack' AND "photo_count" IS NULL))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_price_packs_event_kind_active" ON "price_packs" ("event_id", "kind") WHERE "active" AND "kind" <> 'pack'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_price_packs_event_size_active" ON "price_packs" ("event_id", "photo_count") WHERE "active" AND "kind" = 'pack'`,
    );

    await queryRunner.query(`
      CREATE TABLE "carts" (
        "user_id" uuid NOT NULL,
        "items" jsonb NOT NULL DEFAULT '[]',
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_carts" PRIMARY KEY ("user_id")
      )`);
    await queryRunner.query(
      `ALTER TABLE "carts" ADD CONSTRAINT "fk_carts_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "carts"`);
    await queryRunner.query(`DROP INDEX "uq_price_packs_event_size_active"`);
    await queryRunner.query(`DROP INDEX "uq_price_packs_event_kind_active"`);
    await queryRunner.query(`ALTER TABLE "price_packs" DROP CONSTRAINT "chk_price_packs_kind_photo_count"`);
    await queryRunner.query(`ALTER TABLE "order_items" DROP COLUMN "position"`);
    await queryRunner.query(`ALTER TABLE "order_items" DROP COLUMN "bib"`);
    await queryRunner.query(`ALTER TABLE "order_items" DROP COLUMN "resolution"`);
    await queryRunner.query(`DROP TYPE "photo_resolution"`);
    await queryRunner.query(`DROP INDEX "idx_orders_event_created"`);
    await queryRunner.query(`DROP INDEX "uq_orders_open_checkout_key"`);
    await queryRunner.query(`ALTER TABLE "orders" DROP CONSTRAINT "chk_orders_split"`);
    await queryRunner.query(`ALTER TABLE "orders" DROP CONSTRAINT "chk_orders_payment_mode"`);
    await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "payment_mode"`);
    await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "amount_refunded_cents"`);
    await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "review_reason"`);
    await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "failure_message"`);
    await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "receipt_sent_at"`);
    await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "checkout_key"`);
  }
}
