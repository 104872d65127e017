// Per-copy placeholders for "send N copies": {{i}} is the copy's index from 0,
// {{uuid}} a random UUID, {{now}} the clock's time in epoch milliseconds and
// {{random}} a random whole number below 2^31. Unknown placeholders stay as typed.

export interface TemplateSources {
  now(): number;
  uuid(): string;
  random(): number;
}

const PLACEHOLDER = /\{\{\s*(i|uuid|now|random)\s*\}\}/g;

export function hasPlaceholders(text: string): boolean {
  PLACEHOLDER.lastIndex = 0;
  const found = PLACEHOLDER.test(text);
  PLACEHOLDER.lastIndex = 0;
  return found;
}

export function fillTemplate(text: string, index: number, sources: TemplateSources): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    switch (name) {
      case 'i':
        return String(index);
      case 'uuid':
        return sources.uuid();
      case 'now':
        return String(sources.now());
      default:
        return String(Math.floor(sources.random() * 2 ** 31));
    }
  });
}
