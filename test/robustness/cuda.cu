// CUDA-looking code, parsed as CUDA for the host side only (no CUDA
// installation needed: -nocudainc -nocudalib, the CUDA attributes spelt
// out as the CUDA headers' macros would): kernels, __host__ __device__
// functions and the <<<...>>> launch syntax do not disturb the checks.
// RUN: %check_clang_tidy %s context-* %t -- -- -x cuda --cuda-host-only -nocudainc -nocudalib -isystem %mocks
#include <gocxx/context.h>

#define __global__ __attribute__((global))
#define __host__ __attribute__((host))
#define __device__ __attribute__((device))
struct dim3 {
  unsigned x = 1, y = 1, z = 1;
  dim3(unsigned x_ = 1) : x(x_) {}
};
typedef struct CUstream_st *cudaStream_t;
extern "C" int cudaConfigureCall(dim3 grid, dim3 block, unsigned long shmem = 0, cudaStream_t s = 0);
extern "C" unsigned __cudaPushCallConfiguration(dim3 grid, dim3 block, unsigned long shmem = 0, void *s = 0);

using namespace std::chrono_literals;
namespace gc = gocxx::context;

__global__ void kernel(int *p) { p[0] = 0; }
__host__ __device__ int both(int x) { return x + 1; }

void launch(gc::ContextPtr parent, gocxx::Chan<int> &jobs) {
  auto [ctx, cancel] = gc::WithCancel(parent).value();
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: the cancel handle 'cancel' returned by 'WithCancel' is never called; {{.*}} [context-lost-cancel]
  // CHECK-MESSAGES: :[[@LINE+8]]:1: note: the end of the function is reached without calling 'cancel'
  auto t = gc::WithTimeout(parent, 0ms);
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: timeout passed to 'WithTimeout' is zero; {{.*}} [context-nonpositive-timeout]
  int *d = nullptr;
  kernel<<<1, 32>>>(d);
  (void)both(jobs.Recv());
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'Recv' blocks without observing cancellation of 'parent'; {{.*}} [context-uncancellable-wait]
  // CHECK-MESSAGES: :[[@LINE-10]]:28: note: context 'parent' declared here
}
