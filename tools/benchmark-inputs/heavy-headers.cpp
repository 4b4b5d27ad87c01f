// tools/benchmark: one translation unit with the heavy real headers of the
// APIs context-tidy knows (libstdc++, Asio, gRPC, oneTBB, Boost.Fiber) and a
// little code that uses them, so the checks have something to look at.
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <stop_token>
#include <thread>

#include <asio.hpp>
#include <boost/fiber/all.hpp>
#include <grpcpp/grpcpp.h>
#include <oneapi/tbb/concurrent_queue.h>
#include <oneapi/tbb/task_group.h>

using namespace std::chrono_literals;

int stdWorker(std::stop_token st, std::mutex &m, std::condition_variable_any &cv, bool &ready) {
  std::unique_lock lock(m);
  cv.wait(lock, st, [&] { return ready; });
  std::promise<int> p;
  auto f = p.get_future();
  std::jthread t([&p](std::stop_token s) { p.set_value(s.stop_requested() ? 0 : 1); });
  if (f.wait_for(10ms) == std::future_status::timeout)
    return -1;
  return f.get();
}

void asioTimer(asio::io_context &io) {
  asio::steady_timer timer(io, 50ms);
  timer.async_wait([](const asio::error_code &) {});
  io.run_for(100ms);
}

void grpcDeadline(grpc::ClientContext &ctx) {
  ctx.set_deadline(std::chrono::system_clock::now() + 200ms);
  ctx.TryCancel();
}

int tbbQueue(tbb::concurrent_bounded_queue<int> &q, tbb::task_group &g) {
  g.run([&q] { q.push(1); });
  int v = 0;
  q.pop(v);
  g.wait();
  return v;
}

void fiberWait(boost::fibers::condition_variable &cv, boost::fibers::mutex &m, bool &ready) {
  std::unique_lock<boost::fibers::mutex> lock(m);
  cv.wait_for(lock, 5ms, [&] { return ready; });
}
