import { StartListField, StartListImportResult, StartListProvider } from '@focus-racer/api-types';

export const FIELD_LABELS: Record<StartListField, string> = {
  bib: 'Bib',
  firstName: 'First name',
  lastName: 'Last name',
  category: 'Category',
  club: 'Club',
  email: 'Email',
  chipTime: 'Chip time',
};

export const PROVIDER_LABELS: Record<StartListProvider, string> = { njuko: 'Njuko', kms: 'KMS' };

/** What the platform calls the id the connector asks for. */
export const PROVIDER_ID_LABELS: Record<StartListProvider, string> = {
  njuko: 'Njuko edition id',
  kms: 'KMS race (épreuve) id',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "12 runners added, 3 updated, 1 invalid row left out": what an import or a sync did, in a sentence. */
export function describeImport(result: Omit<StartListImportResult, 'report' | 'source'>): string {
  const parts = [`${plural(result.created, 'runner')} added`, `${result.updated} updated`];
  if (result.unchanged) parts.push(`${result.unchanged} unchanged`);
  if (result.removed) parts.push(`${result.removed} removed`);
  if (result.skipped) parts.push(`${plural(result.skipped, 'invalid row')} left out`);
  let sentence = parts.join(', ') + '.';
  if (result.resnappedPhotos) {
    sentence += ` The bibs of ${plural(result.resnappedPhotos, 'photo')} were matched again against the new list.`;
  }
  return sentence;
}
