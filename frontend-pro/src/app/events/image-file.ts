/** Why an image the person picked cannot be sent (type, size), in a sentence; null when it can. Checked before upload. */
export function imageFileProblem(file: File, types: readonly string[], maxBytes: number, typesLabel: string): string | null {
  if (!types.includes(file.type)) {
    return `"${file.name}" is not a ${typesLabel} image.`;
  }
  if (file.size > maxBytes) {
    return `"${file.name}" is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is ${Math.round(maxBytes / 1024 / 1024)} MB.`;
  }
  if (file.size === 0) {
    return `"${file.name}" is empty.`;
  }
  return null;
}
