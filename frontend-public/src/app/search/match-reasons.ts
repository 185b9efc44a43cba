import { MatchReason, SearchResultDto } from '@focus-racer/api-types';

/** How a reason reads on a result: an icon, a sentence, and the photo it came from for a face link. */
export interface ReasonChip {
  icon: string;
  label: string;
  /** `face-link`: the photo where the bib was read, so the runner can check the link themselves. */
  fromPhotoId: string | null;
}

/** "92 %": the French-style space (non-breaking) keeps the number and its sign on one line. */
export function percent(value: number): string {
  return `${Math.round(Math.min(1, Math.max(0, value)) * 100)}\u00a0%`;
}

export function reasonChip(reason: MatchReason): ReasonChip {
  switch (reason.kind) {
    case 'bib':
      return {
        icon: 'pin',
        label:
          reason.source === 'manual'
            ? `Bib ${reason.bib} tagged by the photographer`
            : `Bib ${reason.bib} read at ${percent(reason.confidence)}`,
        fromPhotoId: null,
      };
    case 'name':
      return { icon: 'badge', label: `Start list: ${reason.name} (bib ${reason.bib})`, fromPhotoId: null };
    case 'selfie':
      return { icon: 'face', label: `Face ${percent(reason.similarity)} similar`, fromPhotoId: null };
    case 'face-link':
      return {
        icon: 'link',
        label: `Same face as bib ${reason.bib} (${percent(reason.similarity)})`,
        fromPhotoId: reason.fromPhotoId,
      };
  }
}

/** The bib a result is about (the link "this is me / not me" confirms or refutes); none for a selfie match. */
export function resultBib(result: SearchResultDto): string | undefined {
  for (const reason of result.reasons) {
    if (reason.kind !== 'selfie') return reason.bib;
  }
  return undefined;
}
