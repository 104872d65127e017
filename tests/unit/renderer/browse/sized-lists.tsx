// jsdom lays nothing out, so every element is 0×0 and a virtualized list
// shows no rows. This gives the message list a size, as a browser would.
import { afterAll, beforeAll } from 'vitest';

export function giveMessageListsASize(width = 1000, height = 420): void {
  const originals = {
    clientHeight: Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight')!,
    clientWidth: Object.getOwnPropertyDescriptor(Element.prototype, 'clientWidth')!,
  };
  beforeAll(() => {
    for (const [name, size] of [['clientHeight', height], ['clientWidth', width]] as const) {
      Object.defineProperty(HTMLElement.prototype, name, {
        configurable: true,
        get(this: HTMLElement) {
          return this.dataset.testid === 'message-list' ? size : originals[name].get!.call(this);
        },
      });
    }
  });
  afterAll(() => {
    delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
    delete (HTMLElement.prototype as { clientWidth?: number }).clientWidth;
  });
}
