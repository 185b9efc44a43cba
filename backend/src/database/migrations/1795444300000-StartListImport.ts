import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Start-list imports (connectors module):
 * - `start_list_entries.updated_at`, set when an import changes a runner;
 * - `photos.ocr_readings`, what the bib reader saw before snapping, so an import can snap the event's photos to the
 *   new list without running OCR again. Photos that already went through the bibs stage get their current OCR
 *   rows: exactly the raw readings where the event had no start list then, and the best we have otherwise;
 * - `start_list_connectors`, the registration platform (Njuko, KMS) of an event, with its encrypted API key.
 */
export class StartListImport1795444300000 implements MigrationInterface {
  name = 'StartListImport1795444300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "start_list_entries" ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);

    await queryRunner.query(`ALTER TABLE "photos" ADD "ocr_readings" jsonb`);
    await queryRunner.query(`
      UPDATE "photos" p SET "ocr_readings" = COALESCE((
        SELECT jsonb_agg(jsonb_build_object('number', b."number", 'confidence', b."confidence", 'box', b."box") ORDER BY b."confidence" DESC, b."number")
        FROM "bib_numbers" b WHERE b."photo_id" = p."id" AND b."source" = 'ocr'
      ), '[]'::jsonb)
      WHERE p."stage_timestamps" ? 'bibs'`);

    await queryRunner.query(`
      CREATE TABLE "start_list_connectors" (
        "event_id" uuid NOT NULL,
        "provider" character varying(16) NOT NULL,
        "external_event_id" character varying(64) NOT NULL,
        "api_key_encrypted" text NOT NULL,
        "api_key_hint" character varying(32) NOT NULL,
        "last_sync_at" TIMESTAMP WITH TIME ZONE,
        "last_sync_result" jsonb,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_start_list_connectors" PRIMARY KEY ("event_id")
      )`);
    await queryRunner.query(
      `ALTER TABLE "start_list_connectors" ADD CONSTRAINT "fk_start_list_connectors_event" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "start_list_connectors"`);
    await queryRunner.query(`ALTER TABLE "photos" DROP COLUMN "ocr_readings"`);
    await queryRunner.query(`ALTER TABLE "start_list_entries" DROP COLUMN "updated_at"`);
  }
}
