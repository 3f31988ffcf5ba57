import type { LiveEvent, ServerMessage, Topic } from '@tillgate/sdk/protocol';
import type { StoredEvent } from '../store/events.js';

/**
 * The `event` frame of an event on a topic, built once however many sockets watch that topic.
 *
 * The hub hands one event to every subscriber of its topics before it takes up the next, so remembering the
 * latest event's frames is enough for live delivery, and memory holds one event's frames, not a burst's.
 * (A replay reads its own copy of the history and builds its own frames.) The view reads the event alone,
 * not who watches, so one frame per topic serves every principal. A frame is UTF-8 bytes rather than a
 * string so that ws writes the same buffer to each socket instead of encoding the text for every one.
 */
export class EventFrames {
  private latest: { event: StoredEvent; view: LiveEvent; byTopic: Map<Topic, Buffer> } | undefined;

  constructor(private readonly view: (e: StoredEvent) => LiveEvent) {}

  frame(e: StoredEvent, topic: Topic): Buffer {
    if (this.latest?.event !== e) this.latest = { event: e, view: this.view(e), byTopic: new Map() };
    let frame = this.latest.byTopic.get(topic);
    if (!frame) {
      const message: ServerMessage = { op: 'event', topic, event: this.latest.view };
      frame = Buffer.from(JSON.stringify(message));
      this.latest.byTopic.set(topic, frame);
    }
    return frame;
  }
}
