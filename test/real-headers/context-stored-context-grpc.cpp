// REQUIRES: grpc
// RUN: %check_clang_tidy %s context-stored-context %t -- -- -std=c++20
//
// gRPC's ClientContext and ServerContext are not contexts in the API model
// (no Done()/Err(): the structural test for Go-style contexts rejects them),
// so keeping them is not reported; a stop source next to them is.
#include <grpcpp/grpcpp.h>
#include <map>
#include <memory>
#include <stop_token>

grpc::ClientContext g_client_context;
std::map<int, std::unique_ptr<grpc::ClientContext>> g_calls;
grpc::ServerContext *g_server_context;
std::map<int, grpc::ServerContext *> g_server_calls;

std::map<int, std::stop_source> g_call_stops;
// CHECK-MESSAGES: :[[@LINE-1]]:33: warning: map 'g_call_stops' stores cancellation sources as values; they outlive the requests that own them; pass each cancellation source down as a parameter instead [context-stored-context]
