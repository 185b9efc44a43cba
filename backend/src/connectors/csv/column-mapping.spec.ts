import { mappingProblems, normaliseHeader, presetMapping, suggestMapping } from './column-mapping';

describe('column mapping', () => {
  it('compares titles without case, accents or punctuation', () => {
    expect(normaliseHeader(' N° Dossard ')).toBe('n dossard');
    expect(normaliseHeader('PRÉNOM')).toBe('prenom');
    expect(normaliseHeader('E-mail')).toBe('e mail');
  });

  it('guesses the fields from French and English titles, never taking Prénom for Nom', () => {
    expect(suggestMapping(['Prénom', 'Nom', 'N° dossard', 'Catégorie', 'Club', 'Courriel', 'Temps puce'])).toEqual({
      firstName: 0,
      lastName: 1,
      bib: 2,
      category: 3,
      club: 4,
      email: 5,
      chipTime: 6,
    });
    expect(suggestMapping(['Bib', 'Last name', 'First name', 'Team'])).toEqual({ bib: 0, lastName: 1, firstName: 2, club: 3 });
    expect(suggestMapping(['Sexe', 'Date de naissance'])).toEqual({});
  });

  it('maps a KMS export and a Njuko export with their presets', () => {
    expect(presetMapping('kms', ['Dossard', 'Nom', 'Prénom', 'Sexe', 'Catégorie', 'Club'])).toEqual({
      mapping: { bib: 0, lastName: 1, firstName: 2, category: 4, club: 5 },
      missing: ['email', 'chipTime'],
    });
    expect(presetMapping('njuko', ['Nom', 'Prénom', 'Email', 'Compétition', 'Numéro de dossard', 'Club']).mapping).toEqual({
      bib: 4,
      firstName: 1,
      lastName: 0,
      category: 3,
      club: 5,
      email: 2,
    });
  });

  it('says what is wrong with a mapping', () => {
    expect(mappingProblems({ lastName: 0 }, 3)).toEqual(['Choose the column that holds the bib numbers']);
    expect(mappingProblems({ bib: 0, club: 5 }, 3)).toEqual(['club is mapped to column 6 but the file has 3 columns']);
    expect(mappingProblems({ bib: 0 }, 1)).toEqual([]);
  });
});
