import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pro app workflows on events:
 * - `event_photographers` also holds invitations sent to an address without an account: `photographer_id` becomes
 *   nullable until the person registers, the token is kept as a SHA-256 hash with its expiry, and one pending
 *   invitation per address and event;
 * - `event_search_daily`: runners' searches counted per event, UTC day and kind (bib, name, selfie) for the
 *   organizers' statistics; one row per day and kind, incremented by an upsert.
 */
export class ProEvents1795444800000 implements MigrationInterface {
  name = 'ProEvents1795444800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "event_photographers" ALTER COLUMN "photographer_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "event_photographers" ADD "invite_token_hash" character(64)`);
    await queryRunner.query(`ALTER TABLE "event_photographers" ADD "invite_expires_at" TIMESTAMP WITH TIME ZONE`);
    // Entries made before invitations existed name their photographer; the address is theirs.
    await queryRunner.query(
      `UPDATE "event_photographers" ep SET "invited_email" = u."email" FROM "users" u WHERE u."id" = ep."photographer_id" AND ep."invited_email" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "event_photographers" ADD CONSTRAINT "chk_event_photographers_who" CHECK ("photographer_id" IS NOT NULL OR "invited_email" IS NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_event_photographers_event_invited_email" ON "event_photographers" ("event_id", "invited_email") WHERE "photographer_id" IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_event_photographers_invite_token" ON "event_photographers" ("invite_token_hash") WHERE "invite_token_hash" IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE "event_search_daily" (
        "event_id" uuid NOT NULL,
        "day" date NOT NULL,
        "kind" character varying(8) NOT NULL,
        "count" integer NOT NULL DEFAULT 0,
        CONSTRAINT "chk_event_search_daily_kind" CHECK ("kind" IN ('bib', 'name', 'selfie')),
        CONSTRAINT "pk_event_search_daily" PRIMARY KEY ("event_id", "day", "kind")
      )`);
    await queryRunner.query(
      `ALTER TABLE "event_search_daily" ADD CONSTRAINT "fk_event_search_daily_event" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "event_search_daily"`);
    await queryRunner.query(`DROP INDEX "uq_event_photographers_invite_token"`);
    await queryRunner.query(`DROP INDEX "uq_event_photographers_event_invited_email"`);
    await queryRunner.query(`ALTER TABLE "event_photographers" DROP CONSTRAINT "chk_event_photographers_who"`);
    // Pending invitations have no account to keep: they go, so the column can be NOT NULL again.
    await queryRunner.query(`DELETE FROM "event_photographers" WHERE "photographer_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "event_photographers" DROP COLUMN "invite_expires_at"`);
    await queryRunner.query(`ALTER TABLE "event_photographers" DROP COLUMN "invite_token_hash"`);
    await queryRunner.query(`ALTER TABLE "event_photographers" ALTER COLUMN "photographer_id" SET NOT NULL`);
  }
}
