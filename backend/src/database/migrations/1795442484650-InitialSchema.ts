import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole Focus Racer data model, generated from the entities by `migration:generate` against an empty database,
 * then tidied by hand (extensions, layout). Constraint and index names are set on the entities, so a later
 * `migration:generate` finds no difference.
 *
 * Deletion behaviour (see the entities for the reasons): personal data hanging off a user is ON DELETE CASCADE;
 * sales and compliance records (orders, order items, GDPR requests, support messages, photos of an erased uploader)
 * keep their rows with the personal link SET NULL; gdpr_audit_logs has no foreign key to users at all.
 */
export class InitialSchema1795442484650 implements MigrationInterface {
  name = 'InitialSchema1795442484650';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // gen_random_uuid() is built into PostgreSQL 13+; pgcrypto keeps older servers working.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS "pgcrypto"`);
    // Accent- and typo-tolerant runner name search on start lists (later migration adds the trigram indexes).
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS "unaccent"`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS "pg_trgm"`);

    await queryRunner.query(`CREATE TYPE "user_role" AS ENUM('PHOTOGRAPHER', 'ORGANIZER', 'AGENCY', 'CLUB', 'FEDERATION', 'ADMIN', 'RUNNER')`);
    await queryRunner.query(`
      CREATE TABLE "users" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "email" character varying(254) NOT NULL,
        "password_hash" character varying(255) NOT NULL,
        "role" "user_role" NOT NULL DEFAULT 'RUNNER',
        "display_name" character varying(120) NOT NULL,
        "stripe_account_id" character varying(64),
        "stripe_onboarded" boolean NOT NULL DEFAULT false,
        "credit_balance" integer NOT NULL DEFAULT '0',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "chk_users_email_lower_case" CHECK ("email" = lower("email")),
        CONSTRAINT "pk_users" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_email" ON "users" ("email")`);

    await queryRunner.query(`CREATE TYPE "support_message_status" AS ENUM('open', 'answered', 'closed')`);
    await queryRunner.query(`
      CREATE TABLE "support_messages" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid,
        "email" character varying(254) NOT NULL,
        "subject" character varying(200) NOT NULL,
        "body" text NOT NULL,
        "status" "support_message_status" NOT NULL DEFAULT 'open',
        "admin_reply" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_support_messages" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE INDEX "idx_support_messages_user" ON "support_messages" ("user_id")`);
    await queryRunner.query(`CREATE INDEX "idx_support_messages_status_created" ON "support_messages" ("status", "created_at")`);

    await queryRunner.query(`
      CREATE TABLE "password_reset_tokens" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "token_hash" character(64) NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "used_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_password_reset_tokens" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE INDEX "idx_password_reset_tokens_user" ON "password_reset_tokens" ("user_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_password_reset_tokens_token_hash" ON "password_reset_tokens" ("token_hash")`);

    await queryRunner.query(`
      CREATE TABLE "refresh_tokens" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "token_hash" character(64) NOT NULL,
        "family_id" uuid NOT NULL,
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        "replaced_by_id" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "user_agent" character varying(512),
        "ip" character varying(64),
        CONSTRAINT "pk_refresh_tokens" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE INDEX "idx_refresh_tokens_user" ON "refresh_tokens" ("user_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_refresh_tokens_token_hash" ON "refresh_tokens" ("token_hash")`);
    await queryRunner.query(`CREATE INDEX "idx_refresh_tokens_family" ON "refresh_tokens" ("family_id")`);

    await queryRunner.query(`CREATE TYPE "event_status" AS ENUM('draft', 'published', 'archived')`);
    await queryRunner.query(`
      CREATE TABLE "events" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "owner_id" uuid NOT NULL,
        "name" character varying(200) NOT NULL,
        "slug" character varying(220) NOT NULL,
        "date" date NOT NULL,
        "location" character varying(200) NOT NULL,
        "sport" character varying(40) NOT NULL,
        "status" "event_status" NOT NULL DEFAULT 'draft',
        "cover_key" character varying(512),
        "watermark_text" character varying(120),
        "branding" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "price_settings" jsonb NOT NULL DEFAULT '{"currency":"EUR"}'::jsonb,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_events" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE INDEX "idx_events_owner" ON "events" ("owner_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_events_slug" ON "events" ("slug")`);
    await queryRunner.query(`CREATE INDEX "idx_events_status_date" ON "events" ("status", "date")`);

    await queryRunner.query(`
      CREATE TABLE "start_list_entries" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "event_id" uuid NOT NULL,
        "bib" character varying(12) NOT NULL,
        "first_name" character varying(100) NOT NULL,
        "last_name" character varying(100) NOT NULL,
        "category" character varying(50),
        "club" character varying(150),
        "email" character varying(254),
        "chip_time" character varying(16),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_start_list_entries" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_start_list_entries_event_bib" ON "start_list_entries" ("event_id", "bib")`);

    await queryRunner.query(`
      CREATE TABLE "event_photographers" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "event_id" uuid NOT NULL,
        "photographer_id" uuid NOT NULL,
        "invited_email" character varying(254),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_event_photographers" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE INDEX "idx_event_photographers_photographer" ON "event_photographers" ("photographer_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_event_photographers_event_photographer" ON "event_photographers" ("event_id", "photographer_id")`);

    await queryRunner.query(`CREATE TYPE "gdpr_request_type" AS ENUM('access', 'erasure', 'rectification')`);
    await queryRunner.query(`CREATE TYPE "gdpr_request_status" AS ENUM('received', 'in_progress', 'completed', 'rejected')`);
    await queryRunner.query(`
      CREATE TABLE "gdpr_requests" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid,
        "email" character varying(254),
        "type" "gdpr_request_type" NOT NULL,
        "status" "gdpr_request_status" NOT NULL DEFAULT 'received',
        "details" text,
        "completed_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_gdpr_requests" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE INDEX "idx_gdpr_requests_user" ON "gdpr_requests" ("user_id")`);
    await queryRunner.query(`CREATE INDEX "idx_gdpr_requests_status_created" ON "gdpr_requests" ("status", "created_at")`);

    await queryRunner.query(`
      CREATE TABLE "gdpr_audit_logs" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "request_id" uuid,
        "actor_id" uuid,
        "subject_email_hash" character(64) NOT NULL,
        "action" character varying(64) NOT NULL,
        "details" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_gdpr_audit_logs" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE INDEX "idx_gdpr_audit_logs_request" ON "gdpr_audit_logs" ("request_id")`);
    await queryRunner.query(`CREATE INDEX "idx_gdpr_audit_logs_subject" ON "gdpr_audit_logs" ("subject_email_hash", "created_at")`);

    await queryRunner.query(`CREATE TYPE "marketplace_listing_status" AS ENUM('open', 'closed')`);
    await queryRunner.query(`
      CREATE TABLE "marketplace_listings" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "owner_id" uuid NOT NULL,
        "event_id" uuid,
        "title" character varying(200) NOT NULL,
        "description" text NOT NULL,
        "location" character varying(200) NOT NULL,
        "date" date NOT NULL,
        "budget_cents" integer,
        "currency" character(3) NOT NULL DEFAULT 'EUR',
        "status" "marketplace_listing_status" NOT NULL DEFAULT 'open',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "chk_marketplace_listings_budget_cents" CHECK ("budget_cents" IS NULL OR "budget_cents" >= 0),
        CONSTRAINT "pk_marketplace_listings" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE INDEX "idx_marketplace_listings_owner" ON "marketplace_listings" ("owner_id")`);
    await queryRunner.query(`CREATE INDEX "idx_marketplace_listings_event" ON "marketplace_listings" ("event_id")`);
    await queryRunner.query(`CREATE INDEX "idx_marketplace_listings_status_date" ON "marketplace_listings" ("status", "date")`);

    await queryRunner.query(`CREATE TYPE "marketplace_application_status" AS ENUM('pending', 'accepted', 'rejected', 'withdrawn')`);
    await queryRunner.query(`
      CREATE TABLE "marketplace_applications" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "listing_id" uuid NOT NULL,
        "photographer_id" uuid NOT NULL,
        "message" text NOT NULL,
        "proposed_fee_cents" integer,
        "currency" character(3) NOT NULL DEFAULT 'EUR',
        "status" "marketplace_application_status" NOT NULL DEFAULT 'pending',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "chk_marketplace_applications_fee_cents" CHECK ("proposed_fee_cents" IS NULL OR "proposed_fee_cents" >= 0),
        CONSTRAINT "pk_marketplace_applications" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE INDEX "idx_marketplace_applications_photographer" ON "marketplace_applications" ("photographer_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_marketplace_applications_listing_photographer" ON "marketplace_applications" ("listing_id", "photographer_id")`);

    await queryRunner.query(`
      CREATE TABLE "marketplace_reviews" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "reviewer_id" uuid NOT NULL,
        "reviewee_id" uuid NOT NULL,
        "listing_id" uuid,
        "rating" smallint NOT NULL,
        "comment" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "chk_marketplace_reviews_not_self" CHECK ("reviewer_id" <> "reviewee_id"),
        CONSTRAINT "chk_marketplace_reviews_rating" CHECK ("rating" BETWEEN 1 AND 5),
        CONSTRAINT "pk_marketplace_reviews" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE INDEX "idx_marketplace_reviews_reviewer" ON "marketplace_reviews" ("reviewer_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_marketplace_reviews_listing_reviewer_reviewee" ON "marketplace_reviews" ("listing_id", "reviewer_id", "reviewee_id")`);
    await queryRunner.query(`CREATE INDEX "idx_marketplace_reviews_reviewee_created" ON "marketplace_reviews" ("reviewee_id", "created_at")`);

    await queryRunner.query(`CREATE TYPE "photo_status" AS ENUM('uploaded', 'processing', 'processed', 'failed')`);
    await queryRunner.query(`
      CREATE TABLE "photos" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "event_id" uuid NOT NULL,
        "uploader_id" uuid,
        "original_key" character varying(512) NOT NULL,
        "web_key" character varying(512),
        "thumb_key" character varying(512),
        "original_filename" character varying(255) NOT NULL,
        "mime_type" character varying(100) NOT NULL,
        "size_bytes" bigint NOT NULL,
        "width" integer,
        "height" integer,
        "taken_at" TIMESTAMP WITH TIME ZONE,
        "content_hash" character(64) NOT NULL,
        "perceptual_hash" character varying(16),
        "blur_score" real,
        "quality_score" real,
        "is_blurry" boolean NOT NULL DEFAULT false,
        "duplicate_of_id" uuid,
        "hidden" boolean NOT NULL DEFAULT false,
        "status" "photo_status" NOT NULL DEFAULT 'uploaded',
        "processing_error" text,
        "stage_timestamps" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "credit_charged" boolean NOT NULL DEFAULT false,
        "ocr_provider" character varying(32),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_photos" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE INDEX "idx_photos_uploader" ON "photos" ("uploader_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_photos_event_content_hash" ON "photos" ("event_id", "content_hash")`);
    await queryRunner.query(`CREATE INDEX "idx_photos_event_created_id" ON "photos" ("event_id", "created_at", "id")`);

    await queryRunner.query(`CREATE TYPE "credit_reason" AS ENUM('purchase', 'subscription', 'photo_processed', 'refund', 'admin_adjustment', 'signup_bonus')`);
    await queryRunner.query(`
      CREATE TABLE "credit_transactions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "delta" integer NOT NULL,
        "balance_after" integer NOT NULL,
        "reason" "credit_reason" NOT NULL,
        "photo_id" uuid,
        "order_ref" character varying(255),
        "note" character varying(500),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_credit_transactions" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE INDEX "idx_credit_transactions_photo" ON "credit_transactions" ("photo_id")`);
    await queryRunner.query(`CREATE INDEX "idx_credit_transactions_user_created" ON "credit_transactions" ("user_id", "created_at")`);

    await queryRunner.query(`CREATE TYPE "order_status" AS ENUM('pending', 'paid', 'failed', 'refunded', 'disputed', 'cancelled')`);
    await queryRunner.query(`
      CREATE TABLE "orders" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "buyer_id" uuid,
        "buyer_email" character varying(254),
        "event_id" uuid,
        "status" "order_status" NOT NULL DEFAULT 'pending',
        "subtotal_cents" integer NOT NULL,
        "service_fee_cents" integer NOT NULL DEFAULT '0',
        "platform_fee_cents" integer NOT NULL DEFAULT '0',
        "total_cents" integer NOT NULL,
        "currency" character(3) NOT NULL DEFAULT 'EUR',
        "stripe_payment_intent_id" character varying(255),
        "stripe_checkout_session_id" character varying(255),
        "paid_at" TIMESTAMP WITH TIME ZONE,
        "refunded_at" TIMESTAMP WITH TIME ZONE,
        "download_token_version" integer NOT NULL DEFAULT '1',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "chk_orders_amounts" CHECK ("subtotal_cents" >= 0 AND "service_fee_cents" >= 0 AND "platform_fee_cents" >= 0 AND "total_cents" >= 0),
        CONSTRAINT "pk_orders" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_orders_stripe_payment_intent" ON "orders" ("stripe_payment_intent_id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_orders_stripe_checkout_session" ON "orders" ("stripe_checkout_session_id")`);
    await queryRunner.query(`CREATE INDEX "idx_orders_event" ON "orders" ("event_id")`);
    await queryRunner.query(`CREATE INDEX "idx_orders_buyer_created" ON "orders" ("buyer_id", "created_at")`);

    await queryRunner.query(`CREATE TYPE "price_pack_kind" AS ENUM('single', 'pack', 'all_my_photos', 'digital_web')`);
    await queryRunner.query(`
      CREATE TABLE "price_packs" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "event_id" uuid NOT NULL,
        "kind" "price_pack_kind" NOT NULL,
        "name" character varying(120) NOT NULL,
        "photo_count" integer,
        "price_cents" integer NOT NULL,
        "currency" character(3) NOT NULL DEFAULT 'EUR',
        "active" boolean NOT NULL DEFAULT true,
        "sort_order" integer NOT NULL DEFAULT '0',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "chk_price_packs_photo_count" CHECK ("photo_count" IS NULL OR "photo_count" > 0),
        CONSTRAINT "chk_price_packs_price_cents" CHECK ("price_cents" >= 0),
        CONSTRAINT "pk_price_packs" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE INDEX "idx_price_packs_event_sort" ON "price_packs" ("event_id", "sort_order")`);

    await queryRunner.query(`
      CREATE TABLE "order_items" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "order_id" uuid NOT NULL,
        "photo_id" uuid,
        "price_pack_id" uuid,
        "unit_price_cents" integer NOT NULL,
        "currency" character(3) NOT NULL DEFAULT 'EUR',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "chk_order_items_unit_price_cents" CHECK ("unit_price_cents" >= 0),
        CONSTRAINT "pk_order_items" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE INDEX "idx_order_items_photo" ON "order_items" ("photo_id")`);
    await queryRunner.query(`CREATE INDEX "idx_order_items_order" ON "order_items" ("order_id")`);

    await queryRunner.query(`
      CREATE TABLE "processed_webhook_events" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "stripe_event_id" character varying(255) NOT NULL,
        "type" character varying(100) NOT NULL,
        "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_processed_webhook_events" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_processed_webhook_events_stripe_event" ON "processed_webhook_events" ("stripe_event_id")`);

    await queryRunner.query(`CREATE TYPE "bib_source" AS ENUM('ocr', 'face-link', 'manual')`);
    await queryRunner.query(`
      CREATE TABLE "bib_numbers" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "photo_id" uuid NOT NULL,
        "event_id" uuid NOT NULL,
        "number" character varying(12) NOT NULL,
        "confidence" real NOT NULL,
        "box" jsonb,
        "source" "bib_source" NOT NULL,
        "similarity" real,
        "linked_from_photo_id" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_bib_numbers" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_bib_numbers_photo_number" ON "bib_numbers" ("photo_id", "number")`);
    await queryRunner.query(`CREATE INDEX "idx_bib_numbers_event_number" ON "bib_numbers" ("event_id", "number")`);

    await queryRunner.query(`
      CREATE TABLE "faces" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "photo_id" uuid NOT NULL,
        "event_id" uuid NOT NULL,
        "box" jsonb NOT NULL,
        "embedding" real array,
        "quality" real NOT NULL,
        "external_face_id" character varying(64),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_faces" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE INDEX "idx_faces_photo" ON "faces" ("photo_id")`);
    await queryRunner.query(`CREATE INDEX "idx_faces_event" ON "faces" ("event_id")`);

    await queryRunner.query(`ALTER TABLE "support_messages" ADD CONSTRAINT "fk_support_messages_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "password_reset_tokens" ADD CONSTRAINT "fk_password_reset_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD CONSTRAINT "fk_refresh_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "events" ADD CONSTRAINT "fk_events_owner" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "start_list_entries" ADD CONSTRAINT "fk_start_list_entries_event" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "event_photographers" ADD CONSTRAINT "fk_event_photographers_event" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "event_photographers" ADD CONSTRAINT "fk_event_photographers_photographer" FOREIGN KEY ("photographer_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "gdpr_requests" ADD CONSTRAINT "fk_gdpr_requests_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "gdpr_audit_logs" ADD CONSTRAINT "fk_gdpr_audit_logs_request" FOREIGN KEY ("request_id") REFERENCES "gdpr_requests"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "marketplace_listings" ADD CONSTRAINT "fk_marketplace_listings_owner" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "marketplace_listings" ADD CONSTRAINT "fk_marketplace_listings_event" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "marketplace_applications" ADD CONSTRAINT "fk_marketplace_applications_listing" FOREIGN KEY ("listing_id") REFERENCES "marketplace_listings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "marketplace_applications" ADD CONSTRAINT "fk_marketplace_applications_photographer" FOREIGN KEY ("photographer_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "marketplace_reviews" ADD CONSTRAINT "fk_marketplace_reviews_reviewer" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "marketplace_reviews" ADD CONSTRAINT "fk_marketplace_reviews_reviewee" FOREIGN KEY ("reviewee_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "marketplace_reviews" ADD CONSTRAINT "fk_marketplace_reviews_listing" FOREIGN KEY ("listing_id") REFERENCES "marketplace_listings"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "photos" ADD CONSTRAINT "fk_photos_event" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "photos" ADD CONSTRAINT "fk_photos_uploader" FOREIGN KEY ("uploader_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "photos" ADD CONSTRAINT "fk_photos_duplicate_of" FOREIGN KEY ("duplicate_of_id") REFERENCES "photos"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "credit_transactions" ADD CONSTRAINT "fk_credit_transactions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "credit_transactions" ADD CONSTRAINT "fk_credit_transactions_photo" FOREIGN KEY ("photo_id") REFERENCES "photos"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "orders" ADD CONSTRAINT "fk_orders_buyer" FOREIGN KEY ("buyer_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "orders" ADD CONSTRAINT "fk_orders_event" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "price_packs" ADD CONSTRAINT "fk_price_packs_event" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "order_items" ADD CONSTRAINT "fk_order_items_order" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "order_items" ADD CONSTRAINT "fk_order_items_photo" FOREIGN KEY ("photo_id") REFERENCES "photos"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "order_items" ADD CONSTRAINT "fk_order_items_price_pack" FOREIGN KEY ("price_pack_id") REFERENCES "price_packs"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "bib_numbers" ADD CONSTRAINT "fk_bib_numbers_photo" FOREIGN KEY ("photo_id") REFERENCES "photos"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "bib_numbers" ADD CONSTRAINT "fk_bib_numbers_event" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "bib_numbers" ADD CONSTRAINT "fk_bib_numbers_linked_from_photo" FOREIGN KEY ("linked_from_photo_id") REFERENCES "photos"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "faces" ADD CONSTRAINT "fk_faces_photo" FOREIGN KEY ("photo_id") REFERENCES "photos"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "faces" ADD CONSTRAINT "fk_faces_event" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "faces" DROP CONSTRAINT "fk_faces_event"`);
    await queryRunner.query(`ALTER TABLE "faces" DROP CONSTRAINT "fk_faces_photo"`);
    await queryRunner.query(`ALTER TABLE "bib_numbers" DROP CONSTRAINT "fk_bib_numbers_linked_from_photo"`);
    await queryRunner.query(`ALTER TABLE "bib_numbers" DROP CONSTRAINT "fk_bib_numbers_event"`);
    await queryRunner.query(`ALTER TABLE "bib_numbers" DROP CONSTRAINT "fk_bib_numbers_photo"`);
    await queryRunner.query(`ALTER TABLE "order_items" DROP CONSTRAINT "fk_order_items_price_pack"`);
    await queryRunner.query(`ALTER TABLE "order_items" DROP CONSTRAINT "fk_order_items_photo"`);
    await queryRunner.query(`ALTER TABLE "order_items" DROP CONSTRAINT "fk_order_items_order"`);
    await queryRunner.query(`ALTER TABLE "price_packs" DROP CONSTRAINT "fk_price_packs_event"`);
    await queryRunner.query(`ALTER TABLE "orders" DROP CONSTRAINT "fk_orders_event"`);
    await queryRunner.query(`ALTER TABLE "orders" DROP CONSTRAINT "fk_orders_buyer"`);
    await queryRunner.query(`ALTER TABLE "credit_transactions" DROP CONSTRAINT "fk_credit_transactions_photo"`);
    await queryRunner.query(`ALTER TABLE "credit_transactions" DROP CONSTRAINT "fk_credit_transactions_user"`);
    await queryRunner.query(`ALTER TABLE "photos" DROP CONSTRAINT "fk_photos_duplicate_of"`);
    await queryRunner.query(`ALTER TABLE "photos" DROP CONSTRAINT "fk_photos_uploader"`);
    await queryRunner.query(`ALTER TABLE "photos" DROP CONSTRAINT "fk_photos_event"`);
    await queryRunner.query(`ALTER TABLE "marketplace_reviews" DROP CONSTRAINT "fk_marketplace_reviews_listing"`);
    await queryRunner.query(`ALTER TABLE "marketplace_reviews" DROP CONSTRAINT "fk_marketplace_reviews_reviewee"`);
    await queryRunner.query(`ALTER TABLE "marketplace_reviews" DROP CONSTRAINT "fk_marketplace_reviews_reviewer"`);
    await queryRunner.query(`ALTER TABLE "marketplace_applications" DROP CONSTRAINT "fk_marketplace_applications_photographer"`);
    await queryRunner.query(`ALTER TABLE "marketplace_applications" DROP CONSTRAINT "fk_marketplace_applications_listing"`);
    await queryRunner.query(`ALTER TABLE "marketplace_listings" DROP CONSTRAINT "fk_marketplace_listings_event"`);
    await queryRunner.query(`ALTER TABLE "marketplace_listings" DROP CONSTRAINT "fk_marketplace_listings_owner"`);
    await queryRunner.query(`ALTER TABLE "gdpr_audit_logs" DROP CONSTRAINT "fk_gdpr_audit_logs_request"`);
    await queryRunner.query(`ALTER TABLE "gdpr_requests" DROP CONSTRAINT "fk_gdpr_requests_user"`);
    await queryRunner.query(`ALTER TABLE "event_photographers" DROP CONSTRAINT "fk_event_photographers_photographer"`);
    await queryRunner.query(`ALTER TABLE "event_photographers" DROP CONSTRAINT "fk_event_photographers_event"`);
    await queryRunner.query(`ALTER TABLE "start_list_entries" DROP CONSTRAINT "fk_start_list_entries_event"`);
    await queryRunner.query(`ALTER TABLE "events" DROP CONSTRAINT "fk_events_owner"`);
    await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP CONSTRAINT "fk_refresh_tokens_user"`);
    await queryRunner.query(`ALTER TABLE "password_reset_tokens" DROP CONSTRAINT "fk_password_reset_tokens_user"`);
    await queryRunner.query(`ALTER TABLE "support_messages" DROP CONSTRAINT "fk_support_messages_user"`);

    await queryRunner.query(`DROP INDEX "idx_faces_event"`);
    await queryRunner.query(`DROP INDEX "idx_faces_photo"`);
    await queryRunner.query(`DROP TABLE "faces"`);

    await queryRunner.query(`DROP INDEX "idx_bib_numbers_event_number"`);
    await queryRunner.query(`DROP INDEX "uq_bib_numbers_photo_number"`);
    await queryRunner.query(`DROP TABLE "bib_numbers"`);
    await queryRunner.query(`DROP TYPE "bib_source"`);

    await queryRunner.query(`DROP INDEX "uq_processed_webhook_events_stripe_event"`);
    await queryRunner.query(`DROP TABLE "processed_webhook_events"`);

    await queryRunner.query(`DROP INDEX "idx_order_items_order"`);
    await queryRunner.query(`DROP INDEX "idx_order_items_photo"`);
    await queryRunner.query(`DROP TABLE "order_items"`);

    await queryRunner.query(`DROP INDEX "idx_price_packs_event_sort"`);
    await queryRunner.query(`DROP TABLE "price_packs"`);
    await queryRunner.query(`DROP TYPE "price_pack_kind"`);

    await queryRunner.query(`DROP INDEX "idx_orders_buyer_created"`);
    await queryRunner.query(`DROP INDEX "idx_orders_event"`);
    await queryRunner.query(`DROP INDEX "uq_orders_stripe_checkout_session"`);
    await queryRunner.query(`DROP INDEX "uq_orders_stripe_payment_intent"`);
    await queryRunner.query(`DROP TABLE "orders"`);
    await queryRunner.query(`DROP TYPE "order_status"`);

    await queryRunner.query(`DROP INDEX "idx_credit_transactions_user_created"`);
    await queryRunner.query(`DROP INDEX "idx_credit_transactions_photo"`);
    await queryRunner.query(`DROP TABLE "credit_transactions"`);
    await queryRunner.query(`DROP TYPE "credit_reason"`);

    await queryRunner.query(`DROP INDEX "idx_photos_event_created_id"`);
    await queryRunner.query(`DROP INDEX "uq_photos_event_content_hash"`);
    await queryRunner.query(`DROP INDEX "idx_photos_uploader"`);
    await queryRunner.query(`DROP TABLE "photos"`);
    await queryRunner.query(`DROP TYPE "photo_status"`);

    await queryRunner.query(`DROP INDEX "idx_marketplace_reviews_reviewee_created"`);
    await queryRunner.query(`DROP INDEX "uq_marketplace_reviews_listing_reviewer_reviewee"`);
    await queryRunner.query(`DROP INDEX "idx_marketplace_reviews_reviewer"`);
    await queryRunner.query(`DROP TABLE "marketplace_reviews"`);

    await queryRunner.query(`DROP INDEX "uq_marketplace_applications_listing_photographer"`);
    await queryRunner.query(`DROP INDEX "idx_marketplace_applications_photographer"`);
    await queryRunner.query(`DROP TABLE "marketplace_applications"`);
    await queryRunner.query(`DROP TYPE "marketplace_application_status"`);

    await queryRunner.query(`DROP INDEX "idx_marketplace_listings_status_date"`);
    await queryRunner.query(`DROP INDEX "idx_marketplace_listings_event"`);
    await queryRunner.query(`DROP INDEX "idx_marketplace_listings_owner"`);
    await queryRunner.query(`DROP TABLE "marketplace_listings"`);
    await queryRunner.query(`DROP TYPE "marketplace_listing_status"`);

    await queryRunner.query(`DROP INDEX "idx_gdpr_audit_logs_subject"`);
    await queryRunner.query(`DROP INDEX "idx_gdpr_audit_logs_request"`);
    await queryRunner.query(`DROP TABLE "gdpr_audit_logs"`);

    await queryRunner.query(`DROP INDEX "idx_gdpr_requests_status_created"`);
    await queryRunner.query(`DROP INDEX "idx_gdpr_requests_user"`);
    await queryRunner.query(`DROP TABLE "gdpr_requests"`);
    await queryRunner.query(`DROP TYPE "gdpr_request_status"`);
    await queryRunner.query(`DROP TYPE "gdpr_request_type"`);

    await queryRunner.query(`DROP INDEX "uq_event_photographers_event_photographer"`);
    await queryRunner.query(`DROP INDEX "idx_event_photographers_photographer"`);
    await queryRunner.query(`DROP TABLE "event_photographers"`);

    await queryRunner.query(`DROP INDEX "uq_start_list_entries_event_bib"`);
    await queryRunner.query(`DROP TABLE "start_list_entries"`);

    await queryRunner.query(`DROP INDEX "idx_events_status_date"`);
    await queryRunner.query(`DROP INDEX "uq_events_slug"`);
    await queryRunner.query(`DROP INDEX "idx_events_owner"`);
    await queryRunner.query(`DROP TABLE "events"`);
    await queryRunner.query(`DROP TYPE "event_status"`);

    await queryRunner.query(`DROP INDEX "idx_refresh_tokens_family"`);
    await queryRunner.query(`DROP INDEX "uq_refresh_tokens_token_hash"`);
    await queryRunner.query(`DROP INDEX "idx_refresh_tokens_user"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);

    await queryRunner.query(`DROP INDEX "uq_password_reset_tokens_token_hash"`);
    await queryRunner.query(`DROP INDEX "idx_password_reset_tokens_user"`);
    await queryRunner.query(`DROP TABLE "password_reset_tokens"`);

    await queryRunner.query(`DROP INDEX "idx_support_messages_status_created"`);
    await queryRunner.query(`DROP INDEX "idx_support_messages_user"`);
    await queryRunner.query(`DROP TABLE "support_messages"`);
    await queryRunner.query(`DROP TYPE "support_message_status"`);

    await queryRunner.query(`DROP INDEX "uq_users_email"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TYPE "user_role"`);

    // Created by up() with IF NOT EXISTS: this assumes the database is Focus Racer's alone.
    await queryRunner.query(`DROP EXTENSION IF EXISTS "pg_trgm"`);
    await queryRunner.query(`DROP EXTENSION IF EXISTS "unaccent"`);
    await queryRunner.query(`DROP EXTENSION IF EXISTS "pgcrypto"`);
  }
}
