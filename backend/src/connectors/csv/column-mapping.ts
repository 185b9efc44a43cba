import type { StartListColumnMapping, StartListField, StartListPreset } from '@focus-racer/api-types';
import { START_LIST_FIELDS } from '@focus-racer/api-types';

/**
 * Which column of a file holds which runner field: guessed from the column titles (French and English), taken
 * from a registration platform's preset, or sent by the pro. Titles are compared without case, accents or
 * punctuation, so "N° Dossard", "n dossard" and "N°DOSSARD" are the same title.
 */

export function normaliseHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Normalised titles for each field, best first. Exact matches only: "Nom" must never catch "Prénom". */
const SYNONYMS: Record<StartListField, readonly string[]> = {
  bib: ['dossard', 'n dossard', 'no dossard', 'num dossard', 'numero dossard', 'numero de dossard', 'n de dossard', 'dos', 'bib', 'bib number', 'bib no', 'race number', 'numero', 'num', 'no', 'n'],
  lastName: ['nom', 'nom de famille', 'last name', 'lastname', 'surname', 'family name'],
  firstName: ['prenom', 'first name', 'firstname', 'given name'],
  category: ['categorie', 'cat', 'categ', 'category', 'categorie d age', 'age category'],
  club: ['club', 'nom du club', 'club association', 'association', 'equipe', 'team'],
  email: ['email', 'e mail', 'mail', 'courriel', 'adresse email', 'adresse e mail', 'adresse mail'],
  chipTime: ['temps puce', 'temps net', 'temps reel', 'chip time', 'chiptime', 'net time', 'temps'],
};

export function suggestMapping(headers: readonly string[]): StartListColumnMapping {
  return mappingFromTitles(headers, SYNONYMS);
}

/**
 * Column titles of the platforms' export files. ASSUMPTIONS (neither platform publishes its export format; the
 * titles below are those of the files organisers commonly receive, and a pro can always map columns by hand):
 * - KMS (kms.fr) "export des inscrits": `;`-separated, Windows-1252, "Dossard;Nom;Prénom;Sexe;Catégorie;Club",
 *   with "Email" and "Temps" in some exports;
 * - Njuko back-office registrations export: "Numéro de dossard" (or "Dossard"), "Nom", "Prénom", "Email",
 *   "Compétition" (the race the runner entered, used as the category) and a custom "Club" question.
 */
export const PRESET_COLUMNS: Record<StartListPreset, Partial<Record<StartListField, readonly string[]>>> = {
  kms: {
    bib: ['Dossard'],
    lastName: ['Nom'],
    firstName: ['Prénom'],
    category: ['Catégorie', 'Cat.'],
    club: ['Club'],
    email: ['Email', 'E-mail'],
    chipTime: ['Temps', 'Temps puce'],
  },
  njuko: {
    bib: ['Numéro de dossard', 'Dossard', 'Bib'],
    lastName: ['Nom', 'Lastname'],
    firstName: ['Prénom', 'Firstname'],
    category: ['Compétition', 'Epreuve', 'Catégorie'],
    club: ['Club', 'Nom du club'],
    email: ['Email', 'E-mail'],
  },
};

export const PRESET_LABELS: Record<StartListPreset, string> = { kms: 'KMS', njuko: 'Njuko' };

export interface PresetMapping {
  mapping: StartListColumnMapping;
  /** Fields of the preset whose column is not in the file. */
  missing: StartListField[];
}

export function presetMapping(preset: StartListPreset, headers: readonly string[]): PresetMapping {
  const titles = Object.fromEntries(
    Object.entries(PRESET_COLUMNS[preset]).map(([field, names]) => [field, (names ?? []).map(normaliseHeader)]),
  ) as Partial<Record<StartListField, readonly string[]>>;
  const mapping = mappingFromTitles(headers, titles);
  const missing = START_LIST_FIELDS.filter((field) => titles[field] && mapping[field] === undefined);
  return { mapping, missing };
}

/** Each field gets the first column whose title is one of its names (earlier names win); a column serves one field. */
function mappingFromTitles(headers: readonly string[], titles: Partial<Record<StartListField, readonly string[]>>): StartListColumnMapping {
  const normalised = headers.map(normaliseHeader);
  const taken = new Set<number>();
  const mapping: StartListColumnMapping = {};
  for (const field of START_LIST_FIELDS) {
    for (const title of titles[field] ?? []) {
      const index = normalised.findIndex((header, i) => header === title && !taken.has(i));
      if (index >= 0) {
        mapping[field] = index;
        taken.add(index);
        break;
      }
    }
  }
  return mapping;
}

/** Problems of a mapping against a file of `columns` columns, one sentence each; empty when usable. */
export function mappingProblems(mapping: StartListColumnMapping, columns: number): string[] {
  const problems: string[] = [];
  if (mapping.bib === undefined) problems.push('Choose the column that holds the bib numbers');
  for (const field of START_LIST_FIELDS) {
    const index = mapping[field];
    if (index !== undefined && index >= columns) {
      problems.push(`${field} is mapped to column ${index + 1} but the file has ${columns} column${columns === 1 ? '' : 's'}`);
    }
  }
  return problems;
}
