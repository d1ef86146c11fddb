import { describe, expect, it } from 'vitest';
import { StateTransitions } from './state-transitions.js';

describe('StateTransitions', () => {
  it('remembers every transition, per state, through the switch from a list to a table, for any character', () => {
    const transitions = new StateTransitions();
    const chars = ['a', '/', '%', 'é', '😀', 'x', 'z', '0', '9', 'A', '~', '\u007f', 'q', '-'];
    chars.forEach((c, i) => transitions.set(3, c, i));
    transitions.set(4, 'a', 99);
    chars.forEach((c, i) => expect(transitions.get(3, c), c).toBe(i));
    expect(transitions.get(4, 'a')).toBe(99);
    expect(transitions.get(4, '/')).toBeUndefined();
    expect(transitions.get(3, 'b')).toBeUndefined();
    expect(transitions.get(3, '€')).toBeUndefined();
    expect(transitions.get(5, 'a')).toBeUndefined();
  });
});
