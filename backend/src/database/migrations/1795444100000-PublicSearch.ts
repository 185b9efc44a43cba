import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Runner-facing search: "this is me / not me" feedback, favorites, and the name index of start lists.
 *
 * Name search is accent- and case-insensitive and typo-tolerant: pg_trgm over unaccent(lower(first last)).
 * unaccent() is only STABLE (it reads a dictionary chosen by search_path), and an index needs an IMMUTABLE
 * expression, so `f_unaccent` pins the dictionary by schema-qualified name; queries must use the very same
 * expression (`start_list_search_name(first_name, last_name)`) for the planner to use the index.
 */
export class PublicSearch1795444100000 implements MigrationInterface {
  name = 'PublicSearch1795444100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION f_unaccent(text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`);
    await queryRunner.query(`
      CREATE FUNCTION start_list_search_name(first_name text, last_name text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT lower(f_unaccent(coalesce(first_name, '') || ' ' || coalesce(last_name, ''))) $$`);
    await queryRunner.query(
      `CREATE INDEX "idx_start_list_entries_search_name" ON "start_list_entries"
       USING gin (start_list_search_name("first_name", "last_name") gin_trgm_ops)`,
    );

    await queryRunner.query(`
      CREATE TABLE "photo_feedback" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "photo_id" uuid NOT NULL,
        "viewer_key" character varying(80) NOT NULL,
        "user_id" uuid,
        "bib" character varying(12) NOT NULL DEFAULT '',
        "verdict" character varying(8) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_photo_feedback" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_photo_feedback_viewer_photo_bib" ON "photo_feedback" ("viewer_key", "photo_id", "bib")`,
    );
    await queryRunner.query(`CREATE INDEX "idx_photo_feedback_photo" ON "photo_feedback" ("photo_id")`);
    await queryRunner.query(
      `ALTER TABLE "photo_feedback" ADD CONSTRAINT "fk_photo_feedback_photo" FOREIGN KEY ("photo_id") REFERENCES "photos"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "photo_feedback" ADD CONSTRAINT "fk_photo_feedback_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await queryRunner.query(`
      CREATE TABLE "favorites" (
        "user_id" uuid NOT NULL,
        "photo_id" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_favorites" PRIMARY KEY ("user_id", "photo_id")
      )`);
    await queryRunner.query(
      `ALTER TABLE "favorites" ADD CONSTRAINT "fk_favorites_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "favorites" ADD CONSTRAINT "fk_favorites_photo" FOREIGN KEY ("photo_id") REFERENCES "photos"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "favorites"`);
    await queryRunner.query(`DROP TABLE "photo_feedback"`);
    await queryRunner.query(`DROP INDEX "idx_start_list_entries_search_name"`);
    await queryRunner.query(`DROP FUNCTION start_list_search_name(text, text)`);
    await queryRunner.query(`DROP FUNCTION f_unaccent(text)`);
  }
}
