// A C translation unit: the C++ checks must not crash on C's AST (no
// records with methods, no templates, K&R-style declarations, implicit
// function declarations of C89), and have nothing to report on it even
// where the names look like a Go-style context API.
// RUN: %clang_tidy --load=%plugin -config={} --checks='-*,context-*' %s -- -x c -std=gnu89 -Wno-implicit-function-declaration > %t.out 2>&1
// RUN: FileCheck %s --allow-empty --input-file=%t.out --implicit-check-not='warning:' --implicit-check-not='error:' --implicit-check-not='note:'
// CHECK-NOT: [context-
// RUN: %clang_tidy --load=%plugin -config={} --checks='-*,context-*' %s -- -x c -std=c11 -DMODERN > %t.c11 2>&1
// RUN: FileCheck %s --allow-empty --input-file=%t.c11 --implicit-check-not='warning:' --implicit-check-not='error:' --implicit-check-not='note:'
#include <stddef.h>
#include <pthread.h>

struct context;
typedef void (*cancel_func)(void);
struct context *with_cancel(struct context *parent, cancel_func *cancel);
struct context *with_timeout(struct context *parent, long timeout_ms);
int chan_recv(struct context *ctx, int *value);

#ifndef MODERN
int knr(ctx, n) struct context *ctx; int n; {
  cancel_func cancel;
  struct context *c = with_cancel(ctx, &cancel);
  c = with_timeout(c, 0);
  implicitly_declared(c, n);
  return chan_recv(c, &n);
}
#else
_Static_assert(sizeof(int) >= 2, "int");
int modern(struct context *ctx, pthread_cond_t *cv, pthread_mutex_t *mu) {
  cancel_func cancel = NULL;
  struct context *c = with_timeout(with_cancel(ctx, &cancel), -1);
  int v = 0;
  pthread_cond_wait(cv, mu);
  _Generic(v, int: chan_recv, default: chan_recv)(c, &v);
  return v;
}
#endif
