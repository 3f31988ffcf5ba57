import type { LiveEvent, ServerMessage, Topic } from '@tillgate/sdk/protocol';
import type { StoredEvent } from '../store/events.js';

/**
 * The `event` frame of each event on each topic, built once however many sockets watch that topic.
 *
 * The hub hands every subscriber of a topic the same event object, so frames are remembered by that
 * object (weakly: a frame lives as long as some subscriber still holds its event, no longer). The view does
 * not depend on who watches (it reads the event alone), so one frame per topic serves every principal.
 * A frame is UTF-8 bytes rather than a string so that ws writes the same buffer to each socket instead
 * of encoding the text again for every one.
 */
export class EventFrames {
  private readonly built = new WeakMap<StoredEvent, { view: LiveEvent; byTopic: Map<Topic, Buffer> }>();

  constructor(private readonly view: (e: StoredEvent) => LiveEvent) {}

  frame(e: StoredEvent, topic: Topic): Buffer {
    let entry = this.built.get(e);
    if (!entry) {
      entry = { view: this.view(e), byTopic: new Map() };
      this.built.set(e, entry);
    }
    let frame = entry.byTopic.get(topic);
    if (!frame) {
      const message: ServerMessage = { op: 'event', topic, event: entry.view };
      frame = Buffer.from(JSON.stringify(message));
      entry.byTopic.set(topic, frame);
    }
    return frame;
  }
}
