// What every service gets: the database, the injected clock, field crypto and settings.
import type { Clock } from '@yanzhen/domain';
import type { Config } from '../config';
import type { FieldCrypto } from './crypto';
import type { Database, Db } from './db';
import type { EventBus } from './events';

export type AppContext = {
  database: Database;
  db: Db;
  clock: Clock;
  crypto: FieldCrypto;
  config: Config;
  events: EventBus;
};
