import { BadRequestException } from '@nestjs/common';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { createValidationPipe } from './validation.pipe';

class Inner {
  @IsInt() @Min(1) count!: number;
}

class Outer {
  @IsString() name!: string;
  @ValidateNested() @Type(() => Inner) inner!: Inner;
}

describe('validation pipe', () => {
  const pipe = createValidationPipe();

  async function messagesFor(value: unknown): Promise<string[]> {
    try {
      await pipe.transform(value, { type: 'body', metatype: Outer });
    } catch (error) {
      expect(error).toBeInstanceOf(BadRequestException);
      return ((error as BadRequestException).getResponse() as { message: string[] }).message;
    }
    throw new Error('expected a validation error');
  }

  it('words unknown fields and nested problems as sentences with the field path', async () => {
    const messages = await messagesFor({ name: 'x', inner: { count: 0, extra: 1 }, isAdmin: true });
    expect(messages).toHaveLength(3);
    expect(messages).toEqual(
      expect.arrayContaining([
        'Unknown field "isAdmin".',
        'inner.count must not be less than 1',
        'Unknown field "inner.extra".',
      ]),
    );
  });

  it('passes a valid body through as an instance', async () => {
    const value = await pipe.transform({ name: 'x', inner: { count: 2 } }, { type: 'body', metatype: Outer });
    expect(value).toBeInstanceOf(Outer);
  });
});
