#ifndef CSPAWN_H
#define CSPAWN_H
#include <sys/types.h>
#include <stddef.h>

/// Starts `path` with `argv`/`envp`, its standard streams on `in_fd`, `out_fd` and `err_fd`, in `dir`
/// (NULL: the current one), in a process group of its own, with every other descriptor closed and every
/// signal unblocked and at its default. Returns 0 and the pid, or an errno value.
int glow_spawn(const char *path, char *const argv[], char *const envp[], const char *dir,
               int in_fd, int out_fd, int err_fd, pid_t *pid);

/// write(2) that reports EPIPE as -1/EPIPE instead of letting SIGPIPE end the process.
ssize_t glow_write_nosigpipe(int fd, const void *buf, size_t len);

/// waitpid(2) with WNOHANG; returns the pid when it ended (status: exit code, or 128 + signal), 0 while
/// it runs, -1 on error.
pid_t glow_reap(pid_t pid, int block, int *status);
/// pipe2(2) with O_CLOEXEC.
int glow_pipe(int fds[2]);
#endif
