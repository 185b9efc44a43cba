import { AbstractControl, FormArray, FormControl, FormGroup, ValidationErrors, ValidatorFn, Validators } from '@angular/forms';
import { PricePackDto, PricePackInput, PricePackKind } from '@focus-racer/api-types';
import { centsToMoneyInput, moneyValidator, parseMoneyInput } from '@focus-racer/ui';

/**
 * The price editor's form: one group per pack, read and written as the API's PricePackDto / PricePackInput.
 * Prices are typed in euros and sent as integer cents; the form refuses what the API would refuse, and a few
 * offers that would confuse runners (two "single photo" prices, two packs of the same size).
 */

/** Short enough for the kind picker at tablet width; the hint under it says the rest. */
export const PACK_KIND_LABELS: Record<PricePackKind, string> = {
  [PricePackKind.SINGLE]: 'Single photo',
  [PricePackKind.PACK]: 'Pack of N photos',
  [PricePackKind.ALL_MY_PHOTOS]: 'All my photos',
  [PricePackKind.DIGITAL_WEB]: 'Web-size photo',
};

/** What each kind means for a runner, under the kind picker. */
export const PACK_KIND_HINTS: Record<PricePackKind, string> = {
  [PricePackKind.SINGLE]: 'One photo at full resolution (HD), as you uploaded it.',
  [PricePackKind.PACK]: 'Any N photos of the event at full resolution (HD).',
  [PricePackKind.ALL_MY_PHOTOS]: 'Every photo of one bib number, in HD, as they are when the runner orders.',
  [PricePackKind.DIGITAL_WEB]: 'One photo at 1600 px without watermark, for social media.',
};

export const PACK_KINDS = Object.values(PricePackKind);

/** The API's bounds (PricePackBody): a price may be free (the runner still pays the service fee), at most €1,000. */
export const MIN_PRICE_CENTS = 0;
export const MAX_PRICE_CENTS = 100_000;
export const MIN_PACK_PHOTOS = 2;
export const MAX_PACK_PHOTOS = 1000;
export const MAX_NAME_LENGTH = 120;
export const MAX_PACKS = 20;
export const CURRENCIES = ['EUR', 'CHF', 'GBP', 'USD'] as const;

export function defaultPackName(kind: PricePackKind, photoCount: number | null = null): string {
  switch (kind) {
    case PricePackKind.SINGLE:
      return 'Single photo';
    case PricePackKind.PACK:
      return `Pack of ${photoCount ?? 5} photos`;
    case PricePackKind.ALL_MY_PHOTOS:
      return 'All my photos';
    case PricePackKind.DIGITAL_WEB:
      return 'Web photo (1600 px)';
  }
}

/** One click for an empty offer: single €6, pack of 5 €15, all my photos €25. */
export const SUGGESTED_PACKS: readonly PricePackInput[] = [
  { kind: PricePackKind.SINGLE, name: 'Single photo', photoCount: null, priceCents: 600, active: true },
  { kind: PricePackKind.PACK, name: 'Pack of 5 photos', photoCount: 5, priceCents: 1500, active: true },
  { kind: PricePackKind.ALL_MY_PHOTOS, name: 'All my photos', photoCount: null, priceCents: 2500, active: true },
];

export type PackGroup = FormGroup<{
  id: FormControl<string | null>;
  kind: FormControl<PricePackKind>;
  name: FormControl<string>;
  photoCount: FormControl<number | null>;
  price: FormControl<string>;
  active: FormControl<boolean>;
}>;

const PHOTO_COUNT_VALIDATORS = [
  Validators.required,
  Validators.min(MIN_PACK_PHOTOS),
  Validators.max(MAX_PACK_PHOTOS),
  Validators.pattern(/^\d+$/),
];

export function packGroup(pack: Partial<PricePackInput> & { kind: PricePackKind }): PackGroup {
  const group: PackGroup = new FormGroup({
    id: new FormControl<string | null>(pack.id ?? null),
    kind: new FormControl(pack.kind, { nonNullable: true, validators: Validators.required }),
    name: new FormControl(pack.name ?? defaultPackName(pack.kind, pack.photoCount ?? null), {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(MAX_NAME_LENGTH), notBlank],
    }),
    photoCount: new FormControl<number | null>(pack.kind === PricePackKind.PACK ? (pack.photoCount ?? 5) : null),
    price: new FormControl(pack.priceCents === undefined ? '' : centsToMoneyInput(pack.priceCents), {
      nonNullable: true,
      validators: [Validators.required, moneyValidator({ minCents: MIN_PRICE_CENTS, maxCents: MAX_PRICE_CENTS })],
    }),
    active: new FormControl(pack.active ?? true, { nonNullable: true }),
  });
  applyKindRules(group);
  followKind(group);
  lockSavedKind(group);
  return group;
}

/**
 * A saved pack keeps its kind (orders point at it; the API refuses the change): another kind is a new price. Called
 * again after the form was disabled and enabled around a save.
 */
export function lockSavedKind(group: PackGroup): void {
  if (group.controls.id.value) {
    group.controls.kind.disable({ emitEvent: false });
  }
}

/** A kind or size change re-applies the kind's rules and renames a pack whose name the pro never edited. */
function followKind(group: PackGroup): void {
  const { kind, photoCount } = group.controls;
  let previous = { kind: kind.value, count: photoCount.value };
  kind.valueChanges.subscribe(() => {
    const before = previous;
    applyKindRules(group);
    followDefaultName(group, before.kind, before.count);
    previous = { kind: kind.value, count: photoCount.value };
  });
  photoCount.valueChanges.subscribe(() => {
    if (kind.value === PricePackKind.PACK && previous.kind === PricePackKind.PACK) {
      followDefaultName(group, PricePackKind.PACK, previous.count);
    }
    previous = { kind: kind.value, count: photoCount.value };
  });
}

/** The photo count is asked for (and checked) only for packs of N. */
export function applyKindRules(group: PackGroup): void {
  const count = group.controls.photoCount;
  if (group.controls.kind.value === PricePackKind.PACK) {
    count.setValidators(PHOTO_COUNT_VALIDATORS);
    if (count.value === null) count.setValue(5);
  } else {
    count.clearValidators();
    count.setValue(null);
  }
  count.updateValueAndValidity();
}

/**
 * After a kind change: a name the pro never edited (empty or the old kind's default) follows the new kind.
 * Returns true when it renamed.
 */
export function followDefaultName(group: PackGroup, previousKind: PricePackKind, previousCount: number | null): boolean {
  const name = group.controls.name.value.trim();
  if (name === '' || name === defaultPackName(previousKind, previousCount)) {
    group.controls.name.setValue(defaultPackName(group.controls.kind.value, group.controls.photoCount.value));
    return true;
  }
  return false;
}

function notBlank(control: AbstractControl): ValidationErrors | null {
  return typeof control.value === 'string' && control.value.length > 0 && control.value.trim() === '' ? { required: true } : null;
}

/** Offers a runner could not choose between: two active prices for the same thing. */
export const distinctPacks: ValidatorFn = (control) => {
  const groups = (control as FormArray<PackGroup>).controls;
  const packs = groups.map((group) => group.getRawValue()).filter((pack) => pack.active);
  const problems: string[] = [];
  if (groups.length > MAX_PACKS) {
    problems.push(`At most ${MAX_PACKS} prices per event: remove ${groups.length - MAX_PACKS}.`);
  }
  for (const kind of [PricePackKind.SINGLE, PricePackKind.ALL_MY_PHOTOS, PricePackKind.DIGITAL_WEB]) {
    if (packs.filter((pack) => pack.kind === kind).length > 1) {
      problems.push(`Only one active "${PACK_KIND_LABELS[kind]}" price: turn the others off or remove them.`);
    }
  }
  const sizes = packs.filter((pack) => pack.kind === PricePackKind.PACK).map((pack) => Number(pack.photoCount));
  const twice = sizes.filter((size, index) => sizes.indexOf(size) !== index);
  for (const size of new Set(twice)) {
    problems.push(`Two active packs of ${size} photos: keep one.`);
  }
  return problems.length ? { distinctPacks: problems } : null;
};

export function packInput(group: PackGroup): PricePackInput {
  const value = group.getRawValue();
  const priceCents = parseMoneyInput(value.price);
  if (priceCents === null) {
    throw new Error(`Invalid price "${value.price}" in a form that passed validation`);
  }
  return {
    ...(value.id ? { id: value.id } : {}),
    kind: value.kind,
    name: value.name.trim(),
    photoCount: value.kind === PricePackKind.PACK ? Number(value.photoCount) : null,
    priceCents,
    active: value.active,
  };
}

/** In the API's order: offered packs first in the owner's order, then retired ones. */
export function packGroupsOf(packs: readonly PricePackDto[]): PackGroup[] {
  return packs.map((pack) => packGroup(pack));
}
