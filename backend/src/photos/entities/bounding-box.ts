/** A region of a photo in pixels of the original image, as stored in jsonb by BibNumber and Face. */
export interface BoundingBox {
  x: number;
  y: number;
  w: number;
  h: number;
}
