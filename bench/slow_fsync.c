// LD_PRELOAD shim for bench/intake.sh (SLOW_FSYNC_MS=N): every fsync/fdatasync first sleeps N ms,
// emulating a disk that manages about 1000/N syncs per second, so the benchmark can show group
// commit answering more durable requests per second than the disk can sync.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>

static void pause_ms(void) {
  const char *text = getenv("SLOW_FSYNC_MS");
  long ms = text ? atol(text) : 0;
  if (ms > 0) {
    struct timespec delay = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&delay, NULL);
  }
}

int fsync(int fd) {
  static int (*real)(int);
  if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
  pause_ms();
  return real(fd);
}

int fdatasync(int fd) {
  static int (*real)(int);
  if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
  pause_ms();
  return real(fd);
}
