import { bigintToNumberTransformer, lowerCaseTransformer } from './transformers';

describe('lowerCaseTransformer', () => {
  it('trims and lower-cases what is written, so one address has one spelling in the database', () => {
    expect(lowerCaseTransformer.to('  Jean.Dupont@Example.FR ')).toBe('jean.dupont@example.fr');
  });

  it('leaves non-strings (find operators, null) alone', () => {
    expect(lowerCaseTransformer.to(null)).toBeNull();
    expect(lowerCaseTransformer.to(undefined)).toBeUndefined();
  });
});

describe('bigintToNumberTransformer', () => {
  it('turns the string pg returns for bigint into a number', () => {
    expect(bigintToNumberTransformer.from('3000000000')).toBe(3_000_000_000);
    expect(bigintToNumberTransformer.from(null)).toBeNull();
  });

  it('throws instead of rounding a value beyond 2^53', () => {
    expect(() => bigintToNumberTransformer.from('9007199254740993')).toThrow(RangeError);
  });
});
