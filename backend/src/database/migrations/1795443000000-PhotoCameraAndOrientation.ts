import { MigrationInterface, QueryRunner } from 'typeorm';

/** The normalise stage records the camera and the EXIF orientation of each photo (both from EXIF, both optional). */
export class PhotoCameraAndOrientation1795443000000 implements MigrationInterface {
  name = 'PhotoCameraAndOrientation1795443000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "photos" ADD "camera" character varying(120)`);
    await queryRunner.query(`ALTER TABLE "photos" ADD "exif_orientation" smallint`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "photos" DROP COLUMN "exif_orientation"`);
    await queryRunner.query(`ALTER TABLE "photos" DROP COLUMN "camera"`);
  }
}
