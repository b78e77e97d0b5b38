// In-process event bus: services publish after commit; SSE streams (boards) and notifications subscribe.
import { EventEmitter } from 'node:events';

export type AppEvent = { type: string; countyId: string; orgPath?: string; payload?: unknown };

export class EventBus {
  private emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  publish(event: AppEvent): void {
    this.emitter.emit('event', event);
  }
  subscribe(listener: (event: AppEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
