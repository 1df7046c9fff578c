import type { Storage } from '../../store/storage.js';
import type { StoreReads } from '../reads.js';

/** What the API handlers work with. */
export interface ApiDeps {
  /** For writes, and reads that must see a write just made. */
  store: Storage;
  /** Reads shared by every page until files change. */
  reads: StoreReads;
  clock: () => Date;
  /** The server itself changed files: forget remembered answers now, before the watcher says so. */
  changed(): void;
  /** The project's name, as `status` shows it. */
  projectName(): string;
}
