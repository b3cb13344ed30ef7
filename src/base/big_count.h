#pragma once
// An exact count that never overflows: rule diffs count intakes over spaces of 3^100 and more,
// far past 64 bits. Only what counting needs: addition, multiplication (by a power of two, or
// by another count), comparison and decimal text.
#include <cstdint>
#include <string>
#include <vector>

namespace backtriage {

class BigCount {
 public:
  BigCount() = default;
  BigCount(std::uint64_t n);  // NOLINT(google-explicit-constructor): a count is a count

  BigCount& operator+=(const BigCount& other);
  // This count times 2^bits.
  BigCount shifted(int bits) const;
  // This count times `factor`.
  BigCount times(const BigCount& factor) const;

  bool is_zero() const { return limbs_.empty(); }
  // Whether the count fits 64 bits, and its value when it does (else the low 64 bits).
  bool fits_u64() const { return limbs_.size() <= 2; }
  std::uint64_t low_u64() const;

  // Decimal digits, "0" for zero.
  std::string str() const;

  friend bool operator==(const BigCount& a, const BigCount& b) { return a.limbs_ == b.limbs_; }
  friend bool operator!=(const BigCount& a, const BigCount& b) { return !(a == b); }
  friend bool operator<(const BigCount& a, const BigCount& b);

 private:
  void trim();
  std::vector<std::uint32_t> limbs_;  // least significant first, no leading zero limbs
};

}  // namespace backtriage
