import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pro photo workflows (photos/upload-batches, photos/triage):
 * - `upload_batches`, and on photos `upload_batch_id` + `client_file_key` with a unique index over the pair: the
 *   database, not the request, decides that a file sent twice (resumed upload, two parallel retries) is one photo;
 * - `reviewed_at` / `review_skipped_at`: the triage queue's state per photo;
 * - `bibs_corrected_at`: bibs typed by the photographer are final, OCR runs no longer add bibs to the photo.
 */
export class ProPhotoWorkflows1795444700000 implements MigrationInterface {
  name = 'ProPhotoWorkflows1795444700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "upload_batches" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "event_id" uuid NOT NULL,
        "uploader_id" uuid,
        "label" character varying(200),
        "expected_files" integer NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "completed_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "chk_upload_batches_expected_files" CHECK ("expected_files" > 0),
        CONSTRAINT "pk_upload_batches" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "idx_upload_batches_event_created" ON "upload_batches" ("event_id", "created_at")`);
    await queryRunner.query(
      `ALTER TABLE "upload_batches" ADD CONSTRAINT "fk_upload_batches_event" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "upload_batches" ADD CONSTRAINT "fk_upload_batches_uploader" FOREIGN KEY ("uploader_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );

    await queryRunner.query(`ALTER TABLE "photos" ADD "upload_batch_id" uuid`);
    await queryRunner.query(`ALTER TABLE "photos" ADD "client_file_key" character varying(512)`);
    await queryRunner.query(`ALTER TABLE "photos" ADD "reviewed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "photos" ADD "review_skipped_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "photos" ADD "bibs_corrected_at" TIMESTAMP WITH TIME ZONE`);
    // Also the index of "photos of a batch" (counters, received keys): upload_batch_id leads.
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_photos_upload_batch_client_file_key" ON "photos" ("upload_batch_id", "client_file_key")`);
    await queryRunner.query(
      `ALTER TABLE "photos" ADD CONSTRAINT "fk_photos_upload_batch" FOREIGN KEY ("upload_batch_id") REFERENCES "upload_batches"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "photos" DROP CONSTRAINT "fk_photos_upload_batch"`);
    await queryRunner.query(`DROP INDEX "uq_photos_upload_batch_client_file_key"`);
    await queryRunner.query(`ALTER TABLE "photos" DROP COLUMN "bibs_corrected_at"`);
    await queryRunner.query(`ALTER TABLE "photos" DROP COLUMN "review_skipped_at"`);
    await queryRunner.query(`ALTER TABLE "photos" DROP COLUMN "reviewed_at"`);
    await queryRunner.query(`ALTER TABLE "photos" DROP COLUMN "client_file_key"`);
    await queryRunner.query(`ALTER TABLE "photos" DROP COLUMN "upload_batch_id"`);
    await queryRunner.query(`DROP TABLE "upload_batches"`);
  }
}
