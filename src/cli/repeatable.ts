/** commander's argument parser for a repeatable option (`-H a -H b` → ['a', 'b']): each value appended in order. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
