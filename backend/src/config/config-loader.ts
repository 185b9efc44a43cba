import 'reflect-metadata';
import { ValidateBy, validateSync, ValidationArguments, ValidationError } from 'class-validator';

/** Raw environment: what process.env looks like, or a test's overrides merged into it. */
export type Env = Record<string, string | undefined>;

/** Thrown when a variable is missing or malformed; the message names every faulty variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Copies the variables a concern declares (the own properties of `EnvClass`, whose initialisers are the defaults)
 * from `env`, validates them and returns the instance. An empty string counts as unset so that `FOO=` in a
 * compose file falls back to the default instead of failing.
 */
export function readEnv<T extends object>(EnvClass: new () => T, env: Env): T {
  const target = new EnvClass() as Record<string, unknown>;
  for (const key of declaredKeys(EnvClass)) {
    const value = env[key];
    if (value !== undefined && value !== '') target[key] = value.trim();
  }
  const errors = validateSync(target, { forbidUnknownValues: false });
  if (errors.length > 0) throw new ConfigError(errors.flatMap(messagesOf));
  return target as T;
}

function messagesOf(error: ValidationError): string[] {
  return Object.values(error.constraints ?? {});
}

/** Keys are declared with `@EnvVar()` so that variables without a default (undefined) are still known. */
const ENV_KEYS = Symbol('envKeys');

export function EnvVar(): PropertyDecorator {
  return (target, propertyKey) => {
    const keys: string[] = Reflect.getOwnMetadata(ENV_KEYS, target) ?? [];
    Reflect.defineMetadata(ENV_KEYS, [...keys, String(propertyKey)], target);
  };
}

function declaredKeys(EnvClass: new () => object): string[] {
  return Reflect.getOwnMetadata(ENV_KEYS, EnvClass.prototype) ?? [];
}

/** Message builder for class-validator: `PORT must be an integer between 1 and 65535 (got "abc")`. */
export function mustBe(description: string) {
  return (args?: ValidationArguments): string => {
    const property = args?.property ?? 'value';
    const value: unknown = args?.value;
    return value === undefined
      ? `${property} is required`
      : `${property} must be ${description} (got ${JSON.stringify(value)})`;
  };
}

export function parseInteger(value: string): number {
  return Number.parseInt(value, 10);
}

export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** `PORT`-style integer held in a string, within [min, max]. */
export function IsIntegerString(min: number, max: number): PropertyDecorator {
  return ValidateBy({
    name: 'isIntegerString',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max,
      defaultMessage: mustBe(`an integer between ${min} and ${max}`),
    },
  });
}

/** An absolute http(s) URL such as `http://localhost:4200` (no trailing path needed). */
export function IsHttpUrl(): PropertyDecorator {
  return ValidateBy({
    name: 'isHttpUrl',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isUrlWithProtocol(value, ['http:', 'https:']),
      defaultMessage: mustBe('an http(s) URL such as http://localhost:4200'),
    },
  });
}

export function isUrlWithProtocol(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
