import { buildSchema, parse, validate } from 'graphql';
import { documentHasUnstorableText, isStorableText, storableTextRule, unstorableTextIn, unstorableVariablesRefusal } from './text-input.js';

describe('text that cannot be stored', () => {
  it('is text with a NUL character or a surrogate without its pair; everything else is fine', () => {
    expect(isStorableText('Ünïcödé — 😀 ok\t\n')).toBe(true);
    expect(isStorableText('nul\u0000inside')).toBe(false);
    expect(isStorableText('high \ud800 alone')).toBe(false);
    expect(isStorableText('low \udc00 alone')).toBe(false);
    expect(isStorableText('\ud83d')).toBe(false);
  });

  it('is found in variables by its path, never by its value', () => {
    expect(unstorableTextIn({ input: { name: 'fine', keyTerms: ['a', 'b\u0000'] } })).toBe('input.keyTerms[1]');
    expect(unstorableTextIn({ id: '\udfff' })).toBe('id');
    expect(unstorableTextIn({ input: { ['bad\u0000key']: 1 } })).toBe('input (a field name)');
    expect(unstorableTextIn({ input: { name: 'fine', n: 3, ok: true, none: null } })).toBeUndefined();
  });

  it('walks variables nested far deeper than the call stack would allow', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(unstorableTextIn({ input: deep })).toMatch(/^input(\[0\]){100000}$/);
  });

  it('is refused for graphql-ws too: in variables before parsing, in literals by a validation rule', () => {
    expect(unstorableVariablesRefusal({ n: 'a\u0000' })?.map((e) => [e.message, e.extensions.code])).toEqual([
      ['The variable n contains a NUL character or a broken Unicode character (an unpaired surrogate), which cannot be stored. Remove it and send again.', 'BAD_USER_INPUT'],
    ]);
    expect(unstorableVariablesRefusal(undefined)).toBeUndefined();
    const schema = buildSchema('type Query { a(name: String): Int }');
    expect(validate(schema, parse('{ a(name: "x\\u0000") }'), [storableTextRule]).map((e) => e.message)).toEqual([
      'A string in the query contains a NUL character or a broken Unicode character (an unpaired surrogate), which cannot be stored. Remove it and send again.',
    ]);
    expect(validate(schema, parse('{ a(name: "fine") }'), [storableTextRule])).toEqual([]);
  });

  it('is found in string literals of the query document', () => {
    expect(documentHasUnstorableText(parse('mutation { a(name: "x\\u0000y") }'))).toBe(true);
    expect(documentHasUnstorableText(parse('mutation { a(name: "fine", list: ["also fine"]) }'))).toBe(false);
  });
});
