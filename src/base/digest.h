#pragma once
// SHA-256 digests (Nettle), as lower-case hex: what identifies a rule set and the text a person
// was shown in an audit record.
#include <string>
#include <string_view>

#include <nettle/sha2.h>

namespace backtriage {

// A running SHA-256: feed bytes with update(), read the digest once with hex().
class Sha256 {
 public:
  Sha256() { sha256_init(&context_); }
  void update(std::string_view bytes);
  // The first `digits` hex digits of the digest (at most 64). Ends the digest: call once.
  std::string hex(size_t digits = 64);

 private:
  sha256_ctx context_;
};

// The full SHA-256 of `bytes`, 64 hex digits. Never throws (but for memory).
std::string sha256_hex(std::string_view bytes);

}  // namespace backtriage
