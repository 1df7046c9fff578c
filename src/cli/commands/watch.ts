/** `roadmap watch`: keep the index fresh as files change, until stopped. */
import type { Command } from 'commander';
import { RoadmapError } from '../../errors.js';
import { HybridStore } from '../../store/hybrid-store.js';
import { otherWatcher, readWatchState } from '../../store/index/watch-state.js';
import { startLiveIndex } from '../../store/live-index.js';
import type { Context } from '../context.js';
import { stopSignal } from '../stop.js';

export function registerWatch(program: Command, ctx: Context): void {
  program
    .command('watch')
    .description('keep the index fresh as files change (editor saves, git pull, checkouts), and answer read commands from it; other commands then skip their directory walk')
    .option('--debounce <ms>', 'wait this long after the last change before indexing a burst', '50')
    .action(async (opts) => {
      const debounceMs = Number(opts.debounce);
      if (!Number.isFinite(debounceMs) || debounceMs < 0) throw new RoadmapError(`invalid --debounce "${opts.debounce}": expected milliseconds, 0 or more`);
      const store = ctx.store();
      if (!(store instanceof HybridStore)) throw new RoadmapError(`watch keeps the index fresh, and the index is not in use: ${store.whyNoIndex ?? 'it could not be opened'}`);
      const other = otherWatcher(readWatchState(store.index));
      if (other) throw new RoadmapError(`a watcher already keeps this index fresh (pid ${other.pid}); stop it first, or leave it running`);
      const live = startLiveIndex(store, {
        debounceMs,
        onIndexed: (batch, state) => ctx.note(`indexed ${batch.paths.length} changed ${batch.paths.length === 1 ? 'file' : 'files'} (generation ${state.generation})`),
        onError: (error) => ctx.warn(`could not index a change: ${error.message}`),
      });
      // Loaded here: the relay's server needs node:net, which no other command should load.
      const { startRelay } = await import('../relay/server.js');
      const relay = ctx.env.ROADMAP_RELAY === 'off' ? null : await startRelay(live, (message) => ctx.note(message));
      ctx.note(`watching ${store.paths.dir}${relay ? '; answering read commands' : ''} (Ctrl-C to stop)`);
      try {
        await stopSignal();
      } finally {
        relay?.close();
        live.close();
      }
    });
}
