/*
 * One folder of a `.roadmap/`: its entries and the stat of each entity file, in one call.
 *
 * The freshness check stats every file on every command. From JavaScript that cost about
 * 10 µs a file at 10,000 files (a Stats object, a Dirent and a path string each, and the
 * garbage they leave); the stat syscall itself is about 4 µs on our 2-core VM. Here the
 * stats are taken with fstatat (one path component to resolve, not the whole path) on up to
 * four threads, and handed back as one string of names and one Float64Array.
 *
 * The rules mirror the JavaScript scan in src/store/folder-scan.ts, which is used when this
 * addon is missing; a test holds the two to the same answers.
 */
#define NAPI_VERSION 8
#include <node_api.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* KIND_STAT: not known yet; after the stats, an entry that failed for a real reason. */
enum { KIND_SKIP = 0, KIND_FILE = 1, KIND_FOLDER = 2, KIND_STAT = 3 };

/* Below this many files one thread is quicker than starting more. */
#define THREADED_FROM 512
#define MAX_THREADS 4

typedef struct {
  size_t name; /* offset into the names buffer */
  size_t length;
  int kind;
  double mtime_ms;
  double size;
} entry;

typedef struct {
  int dir_fd;
  entry *entries;
  const char *names;
  size_t from, to;
} slice;

static int ends_with(const char *s, size_t n, const char *tail) {
  size_t t = strlen(tail);
  return n >= t && memcmp(s + n - t, tail, t) == 0;
}

/* Editors' and our own scratch files: never entities. */
static int hidden(const char *name, size_t n) { return name[0] == '.' || ends_with(name, n, "~"); }

static void *stat_slice(void *arg) {
  slice *s = arg;
  for (size_t i = s->from; i < s->to; i++) {
    entry *e = &s->entries[i];
    if (e->kind != KIND_STAT) continue;
    struct stat st;
    const char *name = s->names + e->name;
    if (fstatat(s->dir_fd, name, &st, 0) != 0) {
      /* Gone between readdir and stat: simply not there any more. */
      if (errno == ENOENT || errno == ENOTDIR) e->kind = KIND_SKIP;
      continue;
    }
    if (S_ISREG(st.st_mode) && ends_with(name, e->length, ".md")) {
      e->kind = KIND_FILE;
      /* The same double arithmetic as Node's Stats.mtimeMs, so stamps compare equal. */
      e->mtime_ms = (double)st.st_mtim.tv_sec * 1e3 + (double)st.st_mtim.tv_nsec / 1e6;
      e->size = (double)st.st_size;
    } else if (S_ISDIR(st.st_mode)) {
      e->kind = KIND_FOLDER;
    } else {
      e->kind = KIND_SKIP;
    }
  }
  return NULL;
}

static napi_value fail(napi_env env, const char *message) {
  napi_throw_error(env, NULL, message);
  return NULL;
}

/*
 * scanFolder(path): null when the folder cannot be opened; undefined when an entry could not
 * be stat'ed for a reason other than being gone (the JavaScript scan then reports it the way
 * Node reports fs errors); else { names, stats }: the kept entries' names joined by "\0", and
 * [kind, mtimeMs, size] for each (kind 1 an entity file, 2 a folder).
 */
static napi_value scan_folder(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1) return fail(env, "scanFolder(path) needs a path");
  size_t path_length;
  if (napi_get_value_string_utf8(env, argv[0], NULL, 0, &path_length) != napi_ok) return fail(env, "scanFolder(path): path must be a string");
  char *path = malloc(path_length + 1);
  if (!path) return fail(env, "scanFolder: out of memory");
  napi_get_value_string_utf8(env, argv[0], path, path_length + 1, &path_length);
  int dir_fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  free(path);
  napi_value result;
  if (dir_fd < 0) {
    napi_get_null(env, &result);
    return result;
  }
  DIR *dir = fdopendir(dir_fd);
  if (!dir) {
    close(dir_fd);
    napi_get_null(env, &result);
    return result;
  }

  /* Names go into one growing buffer, not one allocation each: 100,000 small blocks freed
   * at the end stayed in the allocator's arena, about 10 MiB of the process for good. */
  size_t capacity = 256, count = 0, to_stat = 0, pool_size = 0, pool_capacity = 16384;
  entry *entries = malloc(capacity * sizeof(entry));
  char *pool = malloc(pool_capacity);
  int failed = entries == NULL || pool == NULL;
  for (struct dirent *d; !failed && (d = readdir(dir)) != NULL;) {
    size_t n = strlen(d->d_name);
    if (hidden(d->d_name, n)) continue;
    int is_md = ends_with(d->d_name, n, ".md");
    int kind;
    if (d->d_type == DT_DIR) kind = KIND_FOLDER;
    /* Only a stat tells what an entry of unknown type is; .md entries need their stamp. */
    else if (is_md || d->d_type == DT_UNKNOWN) kind = KIND_STAT, to_stat++;
    else continue;
    if (count == capacity) {
      entry *grown = realloc(entries, capacity * 2 * sizeof(entry));
      if (!grown) { failed = 1; break; }
      entries = grown, capacity *= 2;
    }
    if (pool_size + n + 1 > pool_capacity) {
      while (pool_size + n + 1 > pool_capacity) pool_capacity *= 2;
      char *grown = realloc(pool, pool_capacity);
      if (!grown) { failed = 1; break; }
      pool = grown;
    }
    memcpy(pool + pool_size, d->d_name, n + 1);
    entries[count++] = (entry){ pool_size, n, kind, 0, 0 };
    pool_size += n + 1;
  }

  if (!failed) {
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    size_t threads = to_stat < THREADED_FROM || cores < 2 ? 1 : (size_t)(cores < MAX_THREADS ? cores : MAX_THREADS);
    slice slices[MAX_THREADS];
    pthread_t ids[MAX_THREADS];
    size_t started = 1;
    for (size_t t = 0; t < threads; t++) slices[t] = (slice){ dir_fd, entries, pool, count * t / threads, count * (t + 1) / threads };
    for (size_t t = 1; t < threads; t++, started++)
      if (pthread_create(&ids[t], NULL, stat_slice, &slices[t]) != 0) break;
    stat_slice(&slices[0]);
    for (size_t t = 1; t < started; t++) pthread_join(ids[t], NULL);
    /* A thread that could not start: its slice is done here. */
    for (size_t t = started; t < threads; t++) stat_slice(&slices[t]);
  }
  closedir(dir);

  size_t kept = 0;
  int unstated = 0;
  for (size_t i = 0; i < count && !failed; i++) {
    if (entries[i].kind == KIND_STAT) unstated = 1;
    if (entries[i].kind == KIND_FILE || entries[i].kind == KIND_FOLDER) kept++;
  }
  double *stats = NULL;
  napi_value buffer = NULL;
  if (failed) {
    result = fail(env, "scanFolder: out of memory");
  } else if (unstated) {
    napi_get_undefined(env, &result);
  } else if (napi_create_arraybuffer(env, kept * 3 * sizeof(double), (void **)&stats, &buffer) != napi_ok) {
    result = fail(env, "scanFolder: out of memory");
  } else {
    /* The kept names, moved down over the dropped ones, separated by NUL. */
    size_t at = 0, k = 0;
    for (size_t i = 0; i < count; i++) {
      const entry *e = &entries[i];
      if (e->kind != KIND_FILE && e->kind != KIND_FOLDER) continue;
      if (k > 0) pool[at++] = '\0';
      memmove(pool + at, pool + e->name, e->length);
      at += e->length;
      stats[k * 3] = e->kind;
      stats[k * 3 + 1] = e->mtime_ms;
      stats[k * 3 + 2] = e->size;
      k++;
    }
    napi_value names_value, stats_value;
    napi_create_string_utf8(env, pool, at, &names_value);
    napi_create_typedarray(env, napi_float64_array, kept * 3, buffer, 0, &stats_value);
    napi_create_object(env, &result);
    napi_set_named_property(env, result, "names", names_value);
    napi_set_named_property(env, result, "stats", stats_value);
  }
  free(entries);
  free(pool);
  return result;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "scanFolder", NAPI_AUTO_LENGTH, scan_folder, NULL, &fn);
  napi_set_named_property(env, exports, "scanFolder", fn);
  return exports;
}
