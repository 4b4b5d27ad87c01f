// Mock shaped like the Azure SDK for C++ storage clients
// (<azure/storage/blobs.hpp>): every operation takes the options and then
// `const Azure::Core::Context &context = Azure::Core::Context()` last.
#pragma once
#include <azure/core/context.hpp>
#include <string>

namespace Azure {
template <class T> class Response {
public:
  T Value;
};
namespace Storage {
namespace Blobs {
struct BlobProperties {
  long long BlobSize = 0;
};
struct DownloadBlobToOptions {
  int Concurrency = 1;
};
struct DeleteBlobOptions {};
struct DeleteBlobResult {};
class BlobClient {
public:
  explicit BlobClient(const std::string &url);
  Response<BlobProperties> GetProperties(
      const Azure::Core::Context &context = Azure::Core::Context()) const;
  Response<BlobProperties>
  DownloadTo(const std::string &fileName,
             const DownloadBlobToOptions &options = DownloadBlobToOptions(),
             const Azure::Core::Context &context = Azure::Core::Context()) const;
  Response<DeleteBlobResult>
  Delete(const DeleteBlobOptions &options = DeleteBlobOptions(),
         const Azure::Core::Context &context = Azure::Core::Context()) const;
  std::string GetUrl() const;
};
} // namespace Blobs
} // namespace Storage
} // namespace Azure
