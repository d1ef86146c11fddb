import fc from 'fast-check';

/** One of the values, each drawn in proportion to its weight: steers a property test towards the cases that matter. */
export function weighted<T>(...choices: [T, number][]): fc.Arbitrary<T> {
  return fc.oneof(...choices.map(([value, weight]) => ({ arbitrary: fc.constant(value), weight })));
}
